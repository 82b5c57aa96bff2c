// Reads or renders one source into resources; every problem on the way is a finding, never a crash.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Finding, Resource, Source } from '../model.ts';
import { parseResourcesFromBytes } from '../parse/resources.ts';
import type { KustomizeBinary } from '../render/kustomize-binary.ts';
import { KUSTOMIZATION_FILES, displayPath, inputFinding, isInside, repositoryBoundary } from './discover.ts';

export interface LoadOptions {
  root: string;
  binary?: KustomizeBinary;
  renderTimeoutMs?: number;
  readStdin?: () => Promise<Uint8Array>;
}

export interface Loaded {
  resources: Resource[];
  findings: Finding[];
}

/** Larger inputs are refused rather than risk memory: real manifests are far smaller. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const YAML_FILE = /\.ya?ml$/i;

export async function loadSource(source: Source, options: LoadOptions): Promise<Loaded> {
  switch (source.kind) {
    case 'stdin': {
      const bytes = await (options.readStdin ?? readStandardInput)();
      return parseResourcesFromBytes(bytes, { source: '-', file: '-' });
    }
    case 'kustomization': {
      if (!options.binary) throw new Error('internal: a kustomization source needs a kustomize binary');
      // The guard (graph walk, boundary, remote and code-running refusals) lives inside the render itself.
      // Imported here: rendering brings execa, which a run over plain files never needs to load.
      const { renderKustomization } = await import('../render/render.ts');
      const { resources, findings } = await renderKustomization(source.path, {
        binary: options.binary,
        source: source.name,
        root: options.root,
        timeoutMs: options.renderTimeoutMs,
      });
      return { resources, findings };
    }
    case 'manifests':
      return readManifests(source, options.root);
  }
}

function readManifests(source: Source, root: string): Loaded {
  const result: Loaded = { resources: [], findings: [] };
  const boundary = repositoryBoundary(root, source.path);
  const files = statSync(source.path).isDirectory() ? manifestFiles(source.path) : [source.path];
  for (const file of files) {
    const shown = displayPath(root, file);
    if (!isInside(boundary, file)) {
      result.findings.push(outsideFinding(source.name, shown));
      continue;
    }
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      result.findings.push(
        inputFinding(source.name, `file is ${Math.round(size / 1024 / 1024)} MiB, over the ${MAX_FILE_BYTES / 1024 / 1024} MiB limit`, 'Split the file into smaller manifests.', shown),
      );
      continue;
    }
    const parsed = parseResourcesFromBytes(readFileSync(file), { source: source.name, file: shown });
    result.resources.push(...parsed.resources);
    result.findings.push(...parsed.findings);
  }
  return result;
}

/** YAML files below a directory, sorted; Kustomize's own configuration files are not resources. */
export function manifestFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(dir, entry.name);
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && safeIsDirectory(path));
    if (isDirectory) out.push(...manifestFiles(path));
    else if (YAML_FILE.test(entry.name) && !KUSTOMIZATION_FILES.includes(entry.name)) out.push(path);
  }
  return out;
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function outsideFinding(source: string, file: string): Finding {
  return inputFinding(source, `${file} is a symlink that points outside the repository; it is not read`, 'Replace the symlink with a file inside the repository.', file);
}

async function readStandardInput(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
