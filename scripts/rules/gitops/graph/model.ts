// The GitOps graph: what each cluster reconciles from this repository, built once per run from the GitOps
// objects of the run and the repository's listing. Rules ask it questions instead of walking the disk.
import type { Resource } from '../../../lib/model.ts';
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import type { Tool } from '../lib/gitops-objects.ts';
import type { Reach } from './reach.ts';

/** Where the files a reconciler builds come from. */
export type Origin =
  /** This repository's tree, as checked out: its paths can be checked. */
  | { in: 'repository' }
  /** Another repository, another branch, an OCI artifact, a bucket, an external artifact: not this tree. */
  | { in: 'elsewhere'; what: string }
  /** A value filled in later (`${var}` of postBuild or the bootstrap, `{{...}}` of a generator). */
  | { in: 'unresolved'; what: string };

/** One place an object tells a controller to build a directory: a Flux Kustomization, an Argo CD source. */
export interface Reconciler {
  tool: Tool;
  resource: Resource;
  /** The path as written. */
  written: string;
  pointer: string;
  /** Repository-relative directories (several for a generator pattern); undefined when it leaves the repository. */
  dirs: string[] | undefined;
  /** A generator pattern (`apps/*`): matching nothing is the failure, not a missing directory. */
  pattern: boolean;
  /** A plain directory is read with its subdirectories (Flux always; Argo CD with `directory.recurse`). */
  recurse: boolean;
  origin: Origin;
  /** The namespace it deploys into, when written literally. */
  namespace?: { value: string; pointer: string };
  /** What building its directories reads (empty unless the origin is this repository). */
  reach: Reach;
}

/** What one cluster reconciles: an entry point (a bootstrap Kustomization, a root Application) and all it reaches. */
export interface Cluster {
  tool: Tool;
  /** How reports name it: `clusters/staging` (Flux: the directory), `Application argocd/root` (Argo CD). */
  name: string;
  entries: Resource[];
  reconcilers: Reconciler[];
  /** Directories of this repository its reconcilers build directly. */
  deployed: Set<string>;
  /** Everything building them reads. */
  reach: Reach;
}

export interface ThisRepository {
  /** Canonical URLs this repository is known by; empty when nothing tells. */
  urls: ReadonlySet<string>;
  /** The branch the tree is reconciled from (the bootstrap's), when known. */
  branch?: string;
}

export interface GitOpsGraph {
  files: RepositoryFiles;
  /** Every reconciler, once per cluster it belongs to. */
  reconcilers: Reconciler[];
  clusters: Cluster[];
  /** The tools whose objects the run holds. */
  tools: ReadonlySet<Tool>;
  /** Flux sources defined in the run (and ExternalArtifacts an ArtifactGenerator makes), by fluxKey. */
  fluxSources: ReadonlyMap<string, Resource>;
  repository: ThisRepository;
}

/** Each reconciler once, whatever the number of clusters it belongs to. */
export function distinctReconcilers(graph: GitOpsGraph): Reconciler[] {
  const seen = new Set<string>();
  return graph.reconcilers.filter((reconciler) => {
    const key = [reconciler.resource.file, reconciler.resource.line ?? '', reconciler.pointer, (reconciler.dirs ?? []).join(',')].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Each violation once: an object in several clusters is still one place to fix. */
export function distinctViolations<T extends { resource: Resource; path: string; message: string }>(violations: readonly T[]): T[] {
  const seen = new Set<string>();
  return violations.filter((violation) => {
    const key = [violation.resource.file, violation.resource.line ?? '', violation.path, violation.message].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
