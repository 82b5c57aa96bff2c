// Every local file or directory a kustomization (and what it includes) would make kustomize read, found
// before rendering: kustomize's default load restrictor still accepts directories anywhere on disk.
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { parse } from 'yaml';
import { kustomizationFile } from './discover.ts';

/** A reference that resolves outside the boundary: the kustomization that names it, and what it names. */
export interface OutsideReference {
  kustomization: string;
  reference: string;
  resolved: string;
}

const REMOTE = /^(https?:\/\/|git@|ssh:\/\/|github\.com\/|gitlab\.com\/|bitbucket\.org\/)|::|\?ref=|\?version=/;

/** The path-valued fields of a kustomization, as kustomize reads them. */
function referencedPaths(kustomization: Record<string, unknown>): string[] {
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const paths = (value: unknown): string[] =>
    Array.isArray(value) ? value.flatMap((item) => (item && typeof item === 'object' && typeof (item as { path?: unknown }).path === 'string' ? [(item as { path: string }).path] : [])) : [];
  const generatorFiles = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap((generator) => {
          if (!generator || typeof generator !== 'object') return [];
          const { files, envs, env } = generator as { files?: unknown; envs?: unknown; env?: unknown };
          // `files` entries may be `key=path`.
          return [...strings(files).map((entry) => entry.slice(entry.indexOf('=') + 1)), ...strings(envs), ...(typeof env === 'string' ? [env] : [])];
        })
      : [];
  return [
    ...strings(kustomization.resources),
    ...strings(kustomization.bases),
    ...strings(kustomization.components),
    ...strings(kustomization.crds),
    ...strings(kustomization.configurations),
    ...strings(kustomization.generators),
    ...strings(kustomization.transformers),
    ...strings(kustomization.validators),
    ...strings(kustomization.patchesStrategicMerge).filter((entry) => !entry.includes('\n')),
    ...paths(kustomization.patches),
    ...paths(kustomization.patchesJson6902),
    ...paths(kustomization.replacements),
    ...generatorFiles(kustomization.configMapGenerator),
    ...generatorFiles(kustomization.secretGenerator),
    ...(kustomization.openapi && typeof (kustomization.openapi as { path?: unknown }).path === 'string' ? [(kustomization.openapi as { path: string }).path] : []),
  ];
}

/** Overlays share bases and components: each kustomization file is read once per process (and change). */
const referencesByFile = new Map<string, string[]>();

function referencesOf(file: string): string[] {
  const { mtimeMs, size } = statSync(file);
  const key = `${file}\u0000${mtimeMs}\u0000${size}`;
  let references = referencesByFile.get(key);
  if (!references) {
    let kustomization: unknown;
    try {
      kustomization = parse(readFileSync(file, 'utf8'));
    } catch {
      kustomization = undefined;
    }
    references = kustomization && typeof kustomization === 'object' ? referencedPaths(kustomization as Record<string, unknown>) : [];
    referencesByFile.set(key, references);
  }
  return references;
}

function inside(boundary: string, path: string): boolean {
  return path === boundary || path.startsWith(boundary + sep);
}

/**
 * Walks the kustomization graph from `dir`. Anything unreadable is left to kustomize, which reports it
 * with its own message; only what resolves (through symlinks) outside `boundary` is returned.
 */
export function outsideReferences(dir: string, boundary: string): OutsideReference[] {
  const realBoundary = realpathSync(boundary);
  const found: OutsideReference[] = [];
  const visited = new Set<string>();
  const visit = (kustomizationDir: string) => {
    const real = realpathSync(kustomizationDir);
    if (visited.has(real)) return;
    visited.add(real);
    const file = kustomizationFile(kustomizationDir);
    if (!file) return;
    for (const reference of referencesOf(file)) {
      if (REMOTE.test(reference)) continue;
      const target = resolve(kustomizationDir, reference);
      if (!existsSync(target)) continue;
      const resolved = realpathSync(target);
      if (!inside(realBoundary, resolved)) {
        found.push({ kustomization: file, reference, resolved });
        continue;
      }
      if (statSync(resolved).isDirectory()) visit(target);
    }
  };
  visit(dir);
  return found;
}
