// Walks the kustomization graph from one directory the way kustomize will, before kustomize runs: every
// file it may read is found, resolved through symlinks, and required to be a plain file or directory
// inside the repository. What the walk refuses is never rendered.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { exists, statOrUndefined } from './file-status.ts';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { MAX_YAML_BYTES } from '../parse/text-bytes.ts';
import { KustomizationReads } from './kustomization-reads.ts';
import type { KustomizationReference } from './read-kustomization.ts';
import { isRemoteReference } from './remote.ts';
import { countYamlAliases } from './yaml-aliases.ts';

/** kustomize's own names for the kustomization file of a directory, in the order it looks for them. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;
/** kustomize expands every alias of a YAML file it reads (resources, patches, replacements, crds, configurations, openapi): n aliases nested in layers can expand to about e^(n/e) nodes, so 32 stay near 10^5 while 50 reach 10^8. */
export const MAX_RESOURCE_ALIASES = 32;

export interface GraphProblem {
  /** The file the problem is in (absolute): a kustomization file, or the overlay directory. */
  file: string;
  line?: number;
  message: string;
  fix: string;
}

/** One kustomization file the walk read, as read: what the repository model exposes (kustomization-graph.ts). */
export interface WalkedKustomization {
  /** Real path of its directory. */
  dir: string;
  /** The file, as kustomize names it (its directory's real path joined with the file name). */
  file: string;
  bytes: Uint8Array;
  references: KustomizationReference[];
  /** The real directory each `target` reference that names a directory inside the boundary leads to. */
  includes: Map<KustomizationReference, string>;
}

export interface KustomizationGraph {
  /** The overlay directory walked from (its real path once it is found to be a directory). */
  overlay: string;
  /** Every kustomization file read, once each, the overlay's first. */
  kustomizations: WalkedKustomization[];
  /**
   * Every file kustomize may read, keyed by the path kustomize will name it by (its directory's real path
   * joined with the entry), mapped to the file's real path. Origin annotations are looked up here only.
   */
  files: Map<string, string>;
  problems: GraphProblem[];
  /** The directory walked from is a kustomize Component (`kind: Component`), which is built, not included as a resource. */
  component: boolean;
}

const KEEP_INSIDE = 'Keep every resource, base, component, patch and generator file of an overlay inside the repository, as plain files.';

/**
 * Walks from `dir` (a directory holding a kustomization); `boundary` is the repository's directory. `reads`
 * holds the kustomization files the run has already read, so overlays share the parse of their bases.
 */
export function walkKustomizationGraph(dir: string, boundary: string, reads = new KustomizationReads()): KustomizationGraph {
  const realBoundary = realpathSync(boundary);
  const graph: KustomizationGraph = { overlay: resolve(dir), kustomizations: [], files: new Map(), problems: [], component: false };
  const visited = new Set<string>();
  const pending: Array<{ node: WalkedKustomization; reference: KustomizationReference }> = [];
  const inside = (real: string) => real === realBoundary || real.startsWith(realBoundary + sep);

  /** `real` is a directory inside the boundary: kustomize resolves what it names from its real path. */
  const visitDirectory = (real: string, namedIn: string, line: number | undefined, named: string): void => {
    if (visited.has(real)) return;
    visited.add(real);
    const present = KUSTOMIZATION_FILE_NAMES.filter((name) => exists(join(real, name)));
    if (present.length === 0) {
      graph.problems.push({ file: namedIn, line, message: `${named}, a directory that holds no kustomization file`, fix: 'Add a kustomization.yaml there, or name the manifest files themselves.' });
      return;
    }
    const file = join(real, present[0]!);
    if (present.length > 1) {
      graph.problems.push({ file, message: `sits next to ${present.slice(1).join(' and ')}; kustomize refuses more than one kustomization file`, fix: 'Keep one kustomization file per directory.' });
      return;
    }
    const checked = plainFile(file, graph, inside, namedIn, line, `${named} (its ${present[0]})`);
    if (!checked) return;
    graph.files.set(file, checked.real);
    const read = reads.read(checked.real);
    if (visited.size === 1 && read.kind === 'Component') graph.component = true;
    for (const problem of read.problems) graph.problems.push({ file, line: problem.line, message: problem.message, fix: problem.fix });
    const node: WalkedKustomization = { dir: real, file, bytes: read.bytes, references: read.references, includes: new Map() };
    graph.kustomizations.push(node);
    for (const reference of read.references) pending.push({ node, reference });
  };

  const visitReference = (node: WalkedKustomization, reference: KustomizationReference): void => {
    const { dir, file } = node;
    const { value, kind, line, field } = reference;
    const named = `${field} names ${JSON.stringify(value)}`;
    if (kind === 'file-or-inline' && value.includes('\n')) return; // an inline patch, not a path
    if (isRemoteReference(value)) {
      graph.problems.push({ file, line, message: `${named}, a remote location; rendering never fetches anything`, fix: 'Vendor the remote base into the repository and name it by a relative path.' });
      return;
    }
    if (value.trim() === '') return; // kustomize reports empty entries itself
    if (isAbsolute(value)) {
      graph.problems.push({ file, line, message: `${named}, an absolute path`, fix: 'Name it relative to the kustomization.' });
      return;
    }
    const target = resolve(dir, value);
    const info = statOrUndefined(target);
    if (!info) {
      // kustomize treats a resource it cannot find on disk as a remote location and tries to fetch it.
      if (kind === 'target') graph.problems.push({ file, line, message: `${named}, which does not exist; kustomize would try to fetch it as a remote location`, fix: 'Fix the path, or remove the entry.' });
      return; // a missing patch or generator file: kustomize reports it; an inline patch: nothing to read
    }
    if (info.isDirectory() && (kind === 'target' || kind === 'file-or-directory')) {
      const real = realpathSync(target);
      if (!inside(real)) {
        graph.problems.push({ file, line, message: `${named}, which resolves outside the repository (${real})`, fix: KEEP_INSIDE });
        return;
      }
      if (kind !== 'target') return visitGeneratorDirectory(real, file, line, named);
      node.includes.set(reference, real);
      return visitDirectory(real, file, line, named);
    }
    const checked = plainFile(target, graph, inside, file, line, named);
    if (!checked) return;
    graph.files.set(target, checked.real);
    fileLimits(checked.real, file, line, named, parsedAsYaml(field));
  };

  /** A generator's `files:` entry naming a directory makes kustomize read every file in it. */
  const visitGeneratorDirectory = (real: string, file: string, line: number | undefined, named: string): void => {
    for (const entry of readdirSync(real)) {
      const path = join(real, entry);
      const checked = plainFile(path, graph, inside, file, line, `${named} (through ${entry})`, true);
      if (!checked) continue;
      graph.files.set(path, checked.real);
      fileLimits(checked.real, file, line, `${named} (through ${entry})`, false);
    }
  };

  /** Every file read is bounded in size; the ones kustomize parses as YAML also in aliases, which it expands. */
  const fileLimits = (real: string, file: string, line: number | undefined, named: string, yaml: boolean): void => {
    const { size } = statSync(real);
    if (size > MAX_YAML_BYTES) {
      graph.problems.push({ file, line, message: `${named}, which is ${Math.round(size / 1024 / 1024)} MiB, over the ${MAX_YAML_BYTES / 1024 / 1024} MiB limit`, fix: 'Split the file into smaller manifests.' });
      return;
    }
    if (yaml && countYamlAliases(readFileSync(real), MAX_RESOURCE_ALIASES) > MAX_RESOURCE_ALIASES) {
      graph.problems.push({ file, line, message: `${named}, which uses more than ${MAX_RESOURCE_ALIASES} YAML aliases; kustomize expands every one, so the render could exhaust memory`, fix: 'Write the repeated values out instead of using anchors and aliases.' });
    }
  };

  const overlay = resolve(dir);
  const info = statOrUndefined(overlay);
  if (!info?.isDirectory()) {
    graph.problems.push({ file: overlay, message: 'is not a directory', fix: 'Give an overlay directory.' });
    return graph;
  }
  const real = realpathSync(overlay);
  graph.overlay = real;
  if (!inside(real)) graph.problems.push({ file: overlay, message: `resolves outside the repository (${real})`, fix: KEEP_INSIDE });
  else visitDirectory(real, overlay, undefined, 'the overlay');
  // A work list, not recursion: a chain of thousands of kustomizations must not overflow the stack.
  for (let index = 0; index < pending.length; index += 1) visitReference(pending[index]!.node, pending[index]!.reference);
  return graph;
}

/**
 * Whether kustomize parses the file a field names as YAML. Generator `files:` become data verbatim and
 * `envs:`/`env:` are read as KEY=value lines, so anchors there are text, never expanded.
 */
function parsedAsYaml(field: string): boolean {
  return !/^(configMapGenerator|secretGenerator)\[/.test(field);
}

/** The real path of a regular file inside the boundary, or a problem saying why it is not read. */
function plainFile(path: string, graph: KustomizationGraph, inside: (real: string) => boolean, namedIn: string, line: number | undefined, named: string, skipDirectories = false): { real: string } | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    graph.problems.push({ file: namedIn, line, message: `${named}, a symlink that leads nowhere`, fix: KEEP_INSIDE });
    return undefined;
  }
  if (!inside(real)) {
    graph.problems.push({ file: namedIn, line, message: `${named}, which resolves outside the repository (${real})`, fix: KEEP_INSIDE });
    return undefined;
  }
  const info = statSync(real);
  if (info.isDirectory() && skipDirectories) return undefined;
  if (!info.isFile()) {
    graph.problems.push({ file: namedIn, line, message: `${named}, which is not a regular file`, fix: KEEP_INSIDE });
    return undefined;
  }
  return { real };
}
