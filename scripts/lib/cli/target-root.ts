// Which repository a run is about: the target's, not the working directory's. Its validate.config.yaml
// applies, its paths name the sources and findings, and the render guard keeps every read inside it.
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';
import { gitWorkTree } from '../sources/discover.ts';
import { UsageError } from './command-line.ts';

/**
 * `--root DIR` when given; else the git work tree that holds every path given (all must share one);
 * else, outside git, the deepest directory that holds them all; with no path, the work tree of the
 * working directory, or the working directory itself. Paths are as the user typed them, relative to `cwd`.
 */
export function targetRoot(paths: readonly string[], cwd: string, explicit?: string): string {
  if (explicit !== undefined) {
    const root = resolve(cwd, explicit);
    if (!existsSync(root) || !statSync(root).isDirectory()) throw new UsageError(`--root ${explicit}: not a directory`);
    return root;
  }
  // A path that does not exist is reported as a finding; it says nothing about the repository.
  const given = paths.filter((path) => path !== '-').map((path) => resolve(cwd, path)).filter((path) => existsSync(path));
  if (given.length === 0) return gitWorkTree(cwd) ?? cwd;
  const trees = new Set(given.map((path) => gitWorkTree(path) ?? ''));
  if (trees.size === 1 && !trees.has('')) return [...trees][0]!;
  if (trees.size > 1) {
    const named = [...trees].map((tree) => tree || 'no git work tree').join(', ');
    throw new UsageError(`the paths given belong to different repositories (${named}); give paths of one repository, or name it with --root DIR`);
  }
  return commonDirectory(given.map((path) => (existsSync(path) && statSync(path).isDirectory() ? path : dirname(path))));
}

function commonDirectory(dirs: readonly string[]): string {
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) {
    while (dir !== common && !dir.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return common;
}
