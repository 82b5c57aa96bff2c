// What default discovery checks beyond its fixed places: every directory of this repository that a cluster's
// reconcilers build (a Flux Kustomization's spec.path, an Argo CD source path, an ApplicationSet's
// directories), found from the GitOps objects of the sources loaded so far. The pipeline asks again after
// loading what this names, so the walk is transitive (clusters/staging → apps/staging → its tenants' paths).
import { describe } from '../../cross/lib/values.ts';
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import { hasKustomizationFile } from '../../../lib/repository-files.ts';
import type { CheckedSource, RuleSettings } from '../../rule.ts';
import { checkedDirs } from '../lib/checked-dirs.ts';
import { leftOutOfArtifact } from '../lib/artifact.ts';
import { isInsideDir } from '../lib/overlays.ts';
import { buildGitOpsGraph } from './build.ts';
import type { Reconciler } from './model.ts';
import { addReach, emptyReach } from './reach.ts';

export interface ReconciledDirectory {
  /** Repository-relative, '/'-separated. */
  dir: string;
  /** Rendered when it holds a kustomization file; else read whole as manifests, as Flux reads a plain directory. */
  kind: 'kustomization' | 'manifests';
  /** The object that reconciles it, where it is written: "Kustomization flux-system/apps, clusters/staging/apps.yaml:1 /spec/path". */
  by: string;
  /** How its controller reads it when plain: Flux the whole tree less .sourceignore, Argo CD its own files unless told to recurse. */
  read: { recurse: boolean; sourceIgnore: boolean };
}

/**
 * Directories the sources' clusters build from this tree that no source checks yet. Left out: a path that is
 * missing or leaves the repository (gitops-path reports it), one built from elsewhere (another repository, an
 * OCI artifact, a placeholder), a Helm chart (rendered by Helm, not kustomize), and the root itself (the
 * whole repository is not one source: its overlays and GitOps directories are found one by one), and a
 * directory a .sourceignore leaves out of Flux's artifact (gitops-path reports it too).
 */
export function reconciledDirectories(sources: readonly CheckedSource[], files: RepositoryFiles, settings: RuleSettings, root: string): ReconciledDirectory[] {
  const gitops = buildGitOpsGraph(sources, files, settings, root);
  const checked = checkedDirs({ root, sources, settings, files, gitops });
  const found = new Map<string, ReconciledDirectory>();
  for (const reconciler of gitops.reconcilers) {
    if (reconciler.origin.in !== 'repository') continue;
    for (const dir of reconciler.dirs ?? []) {
      const listed = files.directories.get(dir);
      if (dir === '.' || listed === undefined || checked.has(dir) || listed.files.includes('Chart.yaml')) continue;
      if (leftOutOfArtifact(files, reconciler, dir) !== undefined) continue;
      const read = { recurse: reconciler.recurse, sourceIgnore: reconciler.tool === 'flux' };
      const earlier = found.get(dir);
      // Reconciled twice (Flux and Argo CD, or recursing and not): read what either controller reads.
      if (earlier) earlier.read = { recurse: earlier.read.recurse || read.recurse, sourceIgnore: earlier.read.sourceIgnore || read.sourceIgnore };
      else found.set(dir, { dir, kind: hasKustomizationFile(files, dir) ? 'kustomization' : 'manifests', by: reconciledBy(reconciler), read });
    }
  }
  // A directory another of this round includes, or holds, is checked with it (as the next round would find).
  const candidates = [...found.values()];
  const reachOf = new Map(candidates.map((candidate) => [candidate, emptyReach()]));
  for (const candidate of candidates) if (candidate.kind === 'kustomization') addReach(files, candidate.dir, false, reachOf.get(candidate)!);
  const covered = (candidate: ReconciledDirectory) =>
    candidates.some((other) => other !== candidate && (other.kind === 'manifests' ? other.read.recurse && isInsideDir(candidate.dir, other.dir) : reachOf.get(other)!.dirs.has(candidate.dir)));
  const kept = candidates.filter((candidate) => !covered(candidate));
  // Overlays that include each other (kustomize refuses the cycle) would otherwise never be checked at all.
  return kept.length === 0 ? candidates.slice(0, 1) : kept;
}

function reconciledBy(reconciler: Reconciler): string {
  const { resource } = reconciler;
  const at = resource.line === undefined ? resource.file : `${resource.file}:${resource.line}`;
  return `${describe(resource)}, ${at} ${reconciler.pointer}`;
}
