// The repository as the whole-repository rules see it: its directory tree and the few files they read
// (kustomization files, through the render guard's reader when the run has one, and the root .sourceignore),
// taken once per run and bounded, so that no rule opens a file. Only what really lies inside the repository is listed or read (scripts/lib/repository-file.ts).
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { KUSTOMIZATION_FILE_NAMES } from './kustomize/graph.ts';
import type { KustomizationReads } from './kustomize/kustomization-reads.ts';
import { MAX_KUSTOMIZATION_BYTES } from './kustomize/read-kustomization.ts';
import { readFileInside, realPathInside } from './repository-file.ts';

export interface RepositoryDirectory {
  /** Names of the real directories in it (a symbolic link is not followed). */
  subdirectories: readonly string[];
  /** Names of the regular files in it. */
  files: readonly string[];
}

export interface RepositoryFiles {
  /** Every directory listed, by repository-relative '/'-separated path; '.' is the root. */
  directories: ReadonlyMap<string, RepositoryDirectory>;
  /** The text of every kustomization file read, by repository-relative file path. */
  kustomizations: ReadonlyMap<string, string>;
  /** The root .sourceignore, when it is a regular file inside the repository within the size bound. */
  sourceIgnore?: string;
  /** Every .sourceignore read (Flux reads one in any directory), by repository-relative directory; '.' is the root's. */
  sourceIgnores?: ReadonlyMap<string, string>;
  /** True when the root holds a .sourceignore at all (readable or not). */
  hasSourceIgnore: boolean;
  /** The listing stopped at its bound: a directory it lacks may exist, so nothing may be said about it. */
  truncated: boolean;
}

/** A repository with more directories than this is listed only this far; the rules then stay quiet about the rest. */
export const MAX_DIRECTORIES = 20_000;
/** Kustomization files read at most, and their total size: a repository of manifests has a few hundred. */
export const MAX_KUSTOMIZATION_FILES = 5_000;
const MAX_KUSTOMIZATION_TOTAL_BYTES = 32 * 1024 * 1024;
/** A .sourceignore is a short list of patterns; anything this large is not one. */
export const MAX_SOURCEIGNORE_BYTES = 1024 * 1024;
/** .sourceignore files read at most: a repository has a handful. */
const MAX_SOURCEIGNORE_FILES = 1_000;
/** Never manifests, and often huge: listed by name in their parent, never entered. */
const NOT_ENTERED = new Set(['.git', 'node_modules']);

export const EMPTY_REPOSITORY_FILES: RepositoryFiles = {
  directories: new Map(),
  kustomizations: new Map(),
  hasSourceIgnore: false,
  truncated: false,
};

/**
 * Lists the repository at `root` breadth-first, and reads its kustomization files and root .sourceignore.
 * With the run's `reads` (the render guard's reader), each kustomization file is read once per run, whether
 * an overlay's walk or the listing comes to it first: the GitOps rules and the renders see the same bytes.
 */
export function readRepositoryFiles(root: string, reads?: KustomizationReads): RepositoryFiles {
  const directories = new Map<string, RepositoryDirectory>();
  const kustomizations = new Map<string, string>();
  const sourceIgnores = new Map<string, string>();
  let truncated = false;
  let hasSourceIgnore = false;
  let kustomizationBytes = 0;
  const pending = ['.'];
  const visited = new Set<string>();
  for (let index = 0; index < pending.length; index += 1) {
    const dir = pending[index]!;
    if (directories.size >= MAX_DIRECTORIES) {
      truncated = true;
      break;
    }
    const real = realPathInside(root, dir);
    // A directory reached twice (a link back up the tree, or two links to one place) is listed once.
    if (real === undefined || visited.has(real)) continue;
    visited.add(real);
    const entries = listInside(real);
    if (entries === undefined) continue;
    const typed = entries.map((entry) => ({ name: entry.name, type: typeOf(root, dir, entry) }));
    const subdirectories = typed.filter((entry) => entry.type === 'directory').map((entry) => entry.name).sort();
    const files = typed.filter((entry) => entry.type === 'file').map((entry) => entry.name).sort();
    directories.set(dir, { subdirectories, files });
    if (dir === '.') hasSourceIgnore = entries.some((entry) => entry.name === '.sourceignore');
    if (files.includes('.sourceignore') && sourceIgnores.size < MAX_SOURCEIGNORE_FILES) {
      const text = readFileInside(root, join(dir, '.sourceignore'), MAX_SOURCEIGNORE_BYTES);
      if (text !== undefined) sourceIgnores.set(dir, text);
    }
    for (const name of subdirectories) if (!NOT_ENTERED.has(name)) pending.push(join(dir, name));
    const kustomization = KUSTOMIZATION_FILE_NAMES.find((name) => files.includes(name));
    if (kustomization === undefined) continue;
    if (kustomizations.size >= MAX_KUSTOMIZATION_FILES || kustomizationBytes >= MAX_KUSTOMIZATION_TOTAL_BYTES) {
      truncated = true;
      continue;
    }
    const file = join(dir, kustomization);
    const text = reads ? readThrough(reads, root, file) : readFileInside(root, file, MAX_KUSTOMIZATION_BYTES);
    if (text === undefined) continue;
    kustomizationBytes += text.length;
    kustomizations.set(file, text);
  }
  // The root is listed first, so its .sourceignore, when it is a readable file inside the repository, is already read.
  const sourceIgnore = sourceIgnores.get('.');
  return { directories, kustomizations, sourceIgnore, sourceIgnores, hasSourceIgnore, truncated };
}

/** A regular file inside the repository within the bound, through the run's reader (which reads no more than the bound); undefined otherwise. */
function readThrough(reads: KustomizationReads, root: string, file: string): string | undefined {
  const real = realPathInside(root, file);
  if (real === undefined) return undefined;
  try {
    // A file already over the bound is not handed to the reader at all; one that grows after this stat is
    // refused by the reader, which reads no more than the bound. One the reader cannot open (it throws,
    // leaving the render's walk to fail the run) the listing does without.
    const info = statSync(real);
    if (!info.isFile() || info.size > MAX_KUSTOMIZATION_BYTES) return undefined;
    const read = reads.read(real);
    return read.refused === undefined ? Buffer.from(read.bytes).toString('utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** A link counts as what it leads to when that is inside the repository, and as nothing otherwise. */
function typeOf(root: string, dir: string, entry: Dirent): 'directory' | 'file' | undefined {
  if (entry.isDirectory()) return 'directory';
  if (entry.isFile()) return 'file';
  if (!entry.isSymbolicLink()) return undefined;
  const real = realPathInside(root, join(dir, entry.name));
  if (real === undefined) return undefined;
  try {
    const info = statSync(real);
    return info.isDirectory() ? 'directory' : info.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}

function listInside(real: string): Dirent[] | undefined {
  // Listed at its real location, which the caller found inside the repository: a link to / lists nothing.
  try {
    return readdirSync(real, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

function join(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Whether `dir` is a directory of the repository; undefined when the listing was cut short before it. */
export function directoryExists(files: RepositoryFiles, dir: string): boolean | undefined {
  if (files.directories.has(dir)) return true;
  return files.truncated ? undefined : false;
}

/** The kustomization file of `dir` (its path and text), as kustomize would pick it. */
export function kustomizationIn(files: RepositoryFiles, dir: string): { file: string; text: string } | undefined {
  const listed = files.directories.get(dir);
  if (!listed) return undefined;
  const name = KUSTOMIZATION_FILE_NAMES.find((candidate) => listed.files.includes(candidate));
  if (name === undefined) return undefined;
  const file = join(dir, name);
  const text = files.kustomizations.get(file);
  return text === undefined ? undefined : { file, text };
}

/** Whether `dir` holds a kustomization file (read or not). */
export function hasKustomizationFile(files: RepositoryFiles, dir: string): boolean {
  const listed = files.directories.get(dir);
  return listed !== undefined && KUSTOMIZATION_FILE_NAMES.some((name) => listed.files.includes(name));
}
