// The kustomization graph of one overlay as the repository model holds it: what the render guard's walk read
// (scripts/lib/kustomize/graph.ts), once, in repository terms. Rules receive it read-only through
// CheckedSource.kustomizations and never open a kustomization file themselves.
import { realpathSync } from 'node:fs';
import type { Resource } from '../model.ts';
import { displayPath } from '../sources/discover.ts';
import { walkKustomizationGraph, type KustomizationGraph } from './graph.ts';
import { kustomizationResource } from './kustomization-resource.ts';
import type { ReferenceKind } from './read-kustomization.ts';
import { isRemoteReference } from './remote.ts';

/** One path a kustomization names. */
export interface KustomizationEntry {
  /** Where it is named: `resources[2]`, `patches[0].path`, `configMapGenerator[0].files[1]`. */
  readonly field: string;
  /** The same place as a JSON pointer into the kustomization: `/resources/2`, `/patches/0/path`. */
  readonly pointer: string;
  /** As written (a generator's `key=path` unwrapped to the path). */
  readonly value: string;
  /** How kustomize uses it: `target` (resources, bases, components), a file, a file or directory, a file or inline patch. */
  readonly kind: ReferenceKind;
  readonly line?: number;
  /** kustomize would fetch or clone it: the guard's one notion of remote (isRemoteReference). */
  readonly remote: boolean;
  /** The kustomization it includes (a `target` naming a directory inside the repository), repository-relative. */
  readonly includes?: string;
}

/** One kustomization file the overlay reaches. */
export interface KustomizationNode {
  /** Repository-relative directory, '/'-separated; '.' for the root. */
  readonly dir: string;
  /** Repository-relative file: `overlays/prod/kustomization.yaml`. */
  readonly file: string;
  /** Every path it names, in the order it names them; empty when the guard could not read it. */
  readonly entries: readonly KustomizationEntry[];
  /** The file as a Resource of the overlay's source (file, line, locate): what a finding about it points at. */
  readonly resource: Resource | undefined;
}

/** A problem the guard found on the way; any one of them means the overlay is not rendered. */
export interface KustomizationGraphProblem {
  /** Repository-relative file the problem is in. */
  readonly file: string;
  readonly line?: number;
  readonly message: string;
  readonly fix: string;
}

export interface KustomizationGraphView {
  /** Repository-relative directory of the overlay; its node comes first. */
  readonly overlay: string;
  /** Every kustomization the overlay reaches, once each, in the order the guard read them. */
  readonly nodes: readonly KustomizationNode[];
  /** The node of a repository-relative directory, when the overlay reaches it. */
  node(dir: string): KustomizationNode | undefined;
  /** Why the guard refused the overlay (kustomize never ran on it); empty when it did not. */
  readonly problems: readonly KustomizationGraphProblem[];
}

export interface GraphViewOrigin {
  /** The run's root: paths are shown relative to it, as in every finding. */
  root: string;
  /** The overlay's source name, which the kustomization resources carry. */
  source: string;
}

/** The model's view of a walk the render guard has made. */
export function kustomizationGraphView(graph: KustomizationGraph, origin: GraphViewOrigin): KustomizationGraphView {
  const realRoot = realOrSelf(origin.root);
  const shown = (path: string) => displayPath(realRoot, path);
  const walkedDirs = new Set(graph.kustomizations.map((walked) => walked.dir));
  const nodes: KustomizationNode[] = graph.kustomizations.map((walked) => {
    const dir = shown(walked.dir);
    const file = shown(walked.file);
    let resource: Resource | undefined | null = null;
    return {
      dir,
      file,
      entries: walked.references.map((reference) => {
        // A directory without a (single, readable) kustomization file has no node: the guard's problem says so.
        const target = walked.includes.get(reference);
        const includes = target !== undefined && walkedDirs.has(target) ? { includes: shown(target) } : {};
        return { ...reference, remote: isRemoteReference(reference.value), ...includes };
      }),
      // Parsed for positions only when a rule asks: most kustomization files never carry a finding.
      get resource() {
        if (resource === null) resource = kustomizationResource(new TextDecoder().decode(walked.bytes), { source: origin.source, file, name: dir });
        return resource;
      },
    };
  });
  const byDir = new Map(nodes.map((node) => [node.dir, node]));
  return {
    overlay: shown(graph.overlay),
    nodes,
    node: (dir) => byDir.get(dir),
    problems: graph.problems.map((problem) => ({ ...problem, file: shown(problem.file) })),
  };
}

/** Walks the graph of `dir` without rendering it: the same model for a run that does not render (test loaders). */
export function readKustomizationGraph(dir: string, origin: GraphViewOrigin & { boundary: string }): KustomizationGraphView {
  return kustomizationGraphView(walkKustomizationGraph(dir, origin.boundary), origin);
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
