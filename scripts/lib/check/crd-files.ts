// Finding CustomResourceDefinitions on disk: the files given with --crd, and those kept in the repository
// (a `crds/` directory, an operator's install manifests). Reading is bounded: text files only, a file that
// does not mention CustomResourceDefinition is not parsed, and the walk skips dependencies and VCS folders.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import type { KubeObject } from '../model.ts';
import { appendAll } from '../model.ts';
import { parseResources } from '../parse/resources.ts';
import { UsageError } from '../cli/command-line.ts';
import { declaredCrds } from './declared-crds.ts';

const MANIFEST_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', 'vendor']);
/** Far above any CRD file (the largest upstream bundles are a few MB), far below a stray dump. */
const MAX_FILE_BYTES = 16 * 1024 * 1024;
const MAX_FILES = 20_000;
/** `kind: CustomResourceDefinition` (or a Gatekeeper ConstraintTemplate, which declares one) in YAML or JSON: a cheap test before a parse (a schema file that merely
 * names the kind, like schemas/, is not parsed). */
const DECLARES_CRD = /(?:^|\n)[ \t-]*kind:[ \t]*["']?(?:CustomResourceDefinition|ConstraintTemplate)\b|"kind"\s*:\s*"(?:CustomResourceDefinition|ConstraintTemplate)"/;
/** The kinds' names as bytes: most files name neither, and a byte search skips them without decoding or a regex. */
const DECLARED_KIND_NAMES = [Buffer.from('CustomResourceDefinition'), Buffer.from('ConstraintTemplate')];


/** The CRDs in each given file or directory (recursively); a path that cannot be read is bad input (UsageError: one line, exit 2). */
export function readCrdPaths(paths: readonly string[]): KubeObject[] {
  const crds: KubeObject[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`--crd ${path}: no such file or directory`);
    }
    const files = isDirectory ? manifestFiles(path) : [path];
    const found = files.flatMap((file) => crdsInFile(file, true));
    if (!isDirectory && found.length === 0) throw new UsageError(`--crd ${path}: no CustomResourceDefinition in the file`);
    appendAll(crds, found);
  }
  return crds;
}

/** The CRDs kept anywhere in the repository; unreadable files are left to the checks that read sources. */
export function readRepositoryCrds(root: string): KubeObject[] {
  return manifestFiles(root).flatMap((file) => crdsInFile(file, false));
}

function crdsInFile(file: string, strict: boolean): KubeObject[] {
  let bytes: Buffer;
  try {
    if (statSync(file).size > MAX_FILE_BYTES) return [];
    bytes = readFileSync(file);
  } catch (error) {
    if (strict) throw new UsageError(`--crd ${file}: ${(error as Error).message}`);
    return [];
  }
  if (!DECLARED_KIND_NAMES.some((name) => bytes.includes(name))) return [];
  const text = bytes.toString('utf8');
  if (!DECLARES_CRD.test(text)) return [];
  return declaredCrds(parseResources(text, { source: file, file }).resources.map((r) => r.object));
}

/** Manifest files under a directory, in a stable order; hidden folders and dependencies are skipped. */
function manifestFiles(dir: string): string[] {
  const files: string[] = [];
  const pending = [dir];
  while (pending.length > 0 && files.length < MAX_FILES) {
    const current = pending.pop()!;
    let entries;
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIPPED_DIRECTORIES.has(entry.name)) pending.push(path);
      } else if (entry.isFile() && MANIFEST_EXTENSIONS.has(extname(entry.name))) files.push(path);
    }
  }
  const keys = new Map(files.map((file) => [file, relative(dir, file)]));
  return files.sort((a, b) => (keys.get(a)! < keys.get(b)! ? -1 : 1));
}
