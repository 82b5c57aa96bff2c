// The content address of a render: a hash of everything kustomize's output can depend on, computed from
// the guard's walk. Only a walk that accounts for every path the kustomizations name gets a key; anything
// it cannot prove (a missing file, an inline patch named as a string, a generator reading a whole directory)
// gets none, and that overlay is rendered as if there were no cache at all.
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { KustomizationGraph } from '../kustomize/graph.ts';
import type { KustomizeBinary } from './kustomize-binary.ts';

/** Bumped whenever what a cached render means changes (its header, the wrapper, the flags). */
const KEY_FORMAT = 'openclaw-render-key/1';

export interface RenderKeyParts {
  graph: KustomizationGraph;
  binary: KustomizeBinary;
  /** The exact arguments kustomize runs with, minus the directory. */
  flags: readonly string[];
  /** Real paths that appear (made relative) in kustomize's output: the overlay, the root, the scratch directory. */
  realOverlay: string;
  realRoot: string;
  scratch: string;
}

/**
 * Every file kustomize may read for this overlay, as [the path kustomize names it by, its real path], or
 * undefined when the walk did not find a file or walked directory for every reference.
 */
export function provenInputs(graph: KustomizationGraph): Array<[string, string]> | undefined {
  if (graph.problems.length > 0) return undefined;
  for (const node of graph.kustomizations) {
    for (const reference of node.references) {
      // An inline patch is text inside the kustomization, whose bytes are hashed.
      if (reference.kind === 'file-or-inline' && reference.value.includes('\n')) continue;
      if (node.includes.has(reference)) continue;
      if (!graph.files.has(resolve(node.dir, reference.value))) return undefined;
    }
  }
  return [...graph.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The key, read from the files as they are on disk now; undefined when the inputs are not proven or a file went away. */
export function renderKey(parts: RenderKeyParts): string | undefined {
  const inputs = provenInputs(parts.graph);
  if (!inputs) return undefined;
  const hash = createHash('sha256');
  const field = (value: string) => hash.update(`${value.length}:${value}\n`);
  [KEY_FORMAT, parts.binary.command, ...parts.binary.args, parts.binary.version, commandIdentity(parts.binary.command), ...parts.flags].forEach(field);
  [parts.realOverlay, parts.realRoot, parts.scratch, String(parts.graph.component)].forEach(field);
  try {
    for (const [named, real] of inputs) {
      field(named);
      field(real);
      const bytes = readFileSync(real);
      field(String(bytes.length));
      hash.update(bytes);
    }
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}

/** Size and modification time of the executable run, so a replaced binary of the same version is a new key. */
function commandIdentity(command: string): string {
  const candidates = isAbsolute(command) ? [command] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      const info = statSync(candidate);
      if (info.isFile()) return `${candidate} ${info.size} ${info.mtimeMs}`;
    } catch {
      // not here
    }
  }
  return `${command} (not found)`;
}
