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

/**
 * The .sourceignore files of the listing as one GitRepository's source-controller applies them, its
 * spec.ignore last (after every file's patterns, so that it wins).
 */
export function artifactIgnores(files: RepositoryFiles, specIgnore: string | undefined): SourceIgnores {
  return new SourceIgnores('.', (dir) => files.sourceIgnores?.get(dir), specIgnore);
}

/**
 * A file name no pattern can name but by a wildcard (no file system allows NUL in a name): a pattern that
 * excludes it excludes whatever file the directory may hold.
 */
const ANY_FILE = '\u0000';

/**
 * Whether the artifact holds nothing of directory `dir`: a pattern excludes the directory itself (`/scripts/`,
 * or `/*` not taken back), or its patterns exclude any file in it (`scripts/**`) and no file listed below it
 * is taken back (`!scripts/keep.yaml`). In gitignore syntax `dir/**` matches what is inside `dir`, not `dir`.
 */
export function artifactLeavesOut(ignores: SourceIgnores, files: RepositoryFiles | undefined, dir: string): boolean {
  if (ignores.excludesAnyOf(dir, true)) return true;
  if (!ignores.excludesAnyOf(`${dir}/${ANY_FILE}`, false)) return false;
  for (const [path, listed] of files?.directories ?? []) {
    if (path !== dir && !path.startsWith(`${dir}/`)) continue;
    if (listed.files.some((name) => !ignores.excludesAnyOf(`${path}/${name}`, false))) return false;
  }
  return true;
}
