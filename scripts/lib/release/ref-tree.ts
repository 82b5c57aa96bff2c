// Where a ref's files are exported to be rendered: beside an on-disk render cache, at a path named after
// the ref's git tree (kept-tree.ts), so that `npm run diff -- --base main` typed again after an edit, or
// `validate --baseline`, renders none of main that it rendered before.
import { execa } from 'execa';
import { keptTree, type Tree } from './kept-tree.ts';
import { git } from './git.ts';

/** Exports `commit` into a directory the caller removes (`remove`). `renderCacheDir`: see keptTree. */
export async function exportTree(root: string, commit: string, renderCacheDir: string | undefined): Promise<Tree> {
  const tree = renderCacheDir === undefined ? undefined : await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${commit}^{tree}`]).catch(() => undefined);
  const name = tree !== undefined && /^[0-9a-f]{40,64}$/.test(tree) ? tree : undefined;
  return keptTree('ref', name, renderCacheDir, (dir) => exportCommit(root, commit, dir));
}

/** `git archive <commit> | tar -x -C <dir>`, as two processes joined by execa, no shell. */
export async function exportCommit(root: string, commit: string, dir: string): Promise<void> {
  await execa('git', ['archive', '--format=tar', commit], { cwd: root, stdin: 'ignore' }).pipe('tar', ['-x', '-f', '-', '-C', dir]);
}
