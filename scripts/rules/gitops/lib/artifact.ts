// What Flux's artifact of this repository holds: the tree less what its .sourceignore files exclude, read from
// the repository's listing (a rule never opens a file).
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import { SourceIgnores } from '../../../lib/sources/source-ignore.ts';
import type { Reconciler } from '../graph/model.ts';

/** The .sourceignore file that leaves `dir` out of Flux's artifact, when one does. */
export function leftOutBy(files: RepositoryFiles, dir: string): string | undefined {
  if (dir === '.' || files.sourceIgnores === undefined || files.sourceIgnores.size === 0) return undefined;
  const ignores = new SourceIgnores('.', (at) => files.sourceIgnores?.get(at));
  return ignores.excludesAnyOf(dir, true) ? ignores.excludedBy(dir, true) : undefined;
}

/** Flux builds from its artifact: a directory a .sourceignore leaves out is not there for it. */
export function leftOutOfArtifact(files: RepositoryFiles, reconciler: Reconciler, dir: string): string | undefined {
  return reconciler.tool === 'flux' ? leftOutBy(files, dir) : undefined;
}
