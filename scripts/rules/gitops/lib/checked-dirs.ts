// Which directories the run checked, and so which clusters it holds whole: only about those can a rule say
// that something is missing, rather than merely not given on the command line.
import { addReach, emptyReach } from '../graph/reach.ts';
import { filesOf, gitopsOf } from './repository-model.ts';
import type { Cluster } from '../graph/model.ts';
import type { RepositoryContext } from '../../rule.ts';
import { isInsideDir, relativeDir } from './overlays.ts';

/** Directories the run read: overlays with all they include, and directories of plain manifests whole. */
export function checkedDirs(context: RepositoryContext): { has(dir: string): boolean } {
  const included = emptyReach();
  const plain: string[] = [];
  const flat = new Set<string>();
  for (const checked of context.sources) {
    if (checked.source.kind === 'stdin') continue;
    const dir = relativeDir(context.root, checked.source.path);
    if (checked.source.kind === 'kustomization') addReach(filesOf(context), dir, false, included);
    // A directory read as Argo CD reads it without directory.recurse: its subdirectories were not read.
    else if (checked.source.read?.recurse === false) flat.add(dir);
    else plain.push(dir);
  }
  return { has: (dir) => included.dirs.has(dir) || flat.has(dir) || plain.some((parent) => isInsideDir(dir, parent)) };
}

/** Clusters every directory of which (that exists) the run checked. */
export function completeClusters(context: RepositoryContext): Set<Cluster> {
  const checked = checkedDirs(context);
  return new Set(gitopsOf(context).clusters.filter((cluster) => [...cluster.reach.dirs].every((dir) => checked.has(dir))));
}
