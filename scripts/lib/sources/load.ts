// Reads or renders one source into resources; every problem on the way is a finding, never a crash.
import { lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Finding, Resource, Source } from '../model.ts';
import { parseResourcesFromBytes } from '../parse/resources.ts';
import type { KustomizeBinary } from '../render/kustomize-binary.ts';
import { renderKustomization } from '../render/render.ts';
import { KUSTOMIZATION_FILES, displayPath, inputFinding, isInside, repositoryBoundary } from './discover.ts';
import { outsideReferences } from './kustomization-paths.ts';

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
      const symlinks = symlinkEscapes(source, options.root);
      if (symlinks.length > 0) return { resources: [], findings: symlinks };
      const references = referencesOutside(source, options.root);
      if (references.length > 0) return { resources: [], findings: references };
      if (!options.binary) throw new Error('internal: a kustomization source needs a kustomize binary');
      const rendered = await renderKustomization(source.path, {
        binary: options.binary,
        source: source.name,
        root: options.root,
        timeoutMs: options.renderTimeoutMs,
      });
      return withoutOutsideOrigins(rendered, source, options.root);
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

/** Rendering a pull request must not read files outside the repository through a symlink. */
function symlinkEscapes(source: Source, root: string): Finding[] {
  const boundary = repositoryBoundary(root, source.path);
  const findings: Finding[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        let inside = false;
        try {
          inside = isInside(boundary, path);
        } catch {
          inside = true; // a dangling link reads nothing; kustomize reports it if it is used
        }
        if (!inside) findings.push(outsideFinding(source.name, displayPath(root, path)));
      } else if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        walk(path);
      }
    }
  };
  if (lstatSync(source.path).isDirectory()) walk(source.path);
  return findings;
}

/** What the kustomization graph would read from outside the repository: refused before kustomize runs. */
function referencesOutside(source: Source, root: string): Finding[] {
  const boundary = repositoryBoundary(root, source.path);
  return outsideReferences(source.path, boundary).map((outside) =>
    inputFinding(
      source.name,
      `${displayPath(root, outside.kustomization)} names ${JSON.stringify(outside.reference)}, which resolves outside the repository (${outside.resolved}); the overlay is not rendered`,
      'Keep every resource, base, component, patch and generator file of an overlay inside the repository.',
      displayPath(root, outside.kustomization),
    ),
  );
}

/**
 * A second line behind `referencesOutside`: should kustomize read from outside the repository through a
 * field the walk does not know, what came from there is reported and not checked.
 */
function withoutOutsideOrigins(rendered: Loaded, source: Source, root: string): Loaded {
  const boundary = repositoryBoundary(root, source.path);
  const outside = new Set<string>();
  const resources = rendered.resources.filter((resource) => {
    if (resource.file === source.name) return true;
    let inside = false;
    try {
      inside = isInside(boundary, resolve(root, resource.file));
    } catch {
      inside = false;
    }
    if (!inside) outside.add(resource.file);
    return inside;
  });
  const findings = [...outside].map((file) =>
    inputFinding(source.name, `${file} is outside the repository; the resources kustomize read from it are not checked`, 'Keep every resource, base and component of an overlay inside the repository.', file),
  );
  return { resources, findings: [...rendered.findings, ...findings] };
}

function outsideFinding(source: string, file: string): Finding {
  return inputFinding(source, `${file} is a symlink that points outside the repository; it is not read`, 'Replace the symlink with a file inside the repository.', file);
}

async function readStandardInput(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
