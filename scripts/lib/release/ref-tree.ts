// Where a ref's files are exported to be rendered. Renders are kept by their inputs' bytes AND paths
// (render/render-key.ts: kustomize's output names the paths), so a ref exported into a new temporary
// directory each time is rendered again each time: `npm run diff -- --base main`, typed again after an edit,
// rendered every overlay of main again. With a render cache on disk, the tree is exported instead to a path
// named after its git tree object, beside that cache: the same files at the same path, whose renders the
// cache serves again. Which renders are served is still decided by content alone; the path only makes a hit
// possible.
import { mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { trackTemporaryDirectory } from '../render/interrupt.ts';
import { git } from './git.ts';

export interface ExportedTree {
  dir: string;
  /** Removes the directory (always: an export is never reused as it stands, only its renders are). */
  remove(): Promise<void>;
}

/** A named tree left by a run that ended without removing it (killed) is taken over after this long. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * Exports `commit` with `git archive` into a directory that is always removed again. `renderCacheDir`: the
 * directory of the on-disk render cache, when there is one; the tree is then exported to
 * `<its parent>/ref-trees/<tree id>`, unless another run is rendering the same tree there right now, in
 * which case (as without a cache) a private temporary directory serves.
 */
export async function exportTree(root: string, commit: string, renderCacheDir: string | undefined): Promise<ExportedTree> {
  if (renderCacheDir !== undefined) {
    const named = await exportNamed(root, commit, join(dirname(renderCacheDir), 'ref-trees')).catch(() => undefined);
    if (named) return named;
  }
  return exportInto(root, commit, await mkdtemp(join(tmpdir(), 'openclaw-ref-')));
}

async function exportNamed(root: string, commit: string, parent: string): Promise<ExportedTree | undefined> {
  const tree = await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${commit}^{tree}`]);
  if (!/^[0-9a-f]{40,64}$/.test(tree)) return undefined;
  await mkdir(parent, { recursive: true });
  const target = join(parent, tree);
  await removeIfAbandoned(target);
  // Exported privately, then moved into place in one step: a directory at the named path is always whole,
  // and a rename onto a tree another run is using fails instead of mixing the two.
  const staged = await exportInto(root, commit, await mkdtemp(join(parent, `${tree}.`)));
  try {
    await rename(staged.dir, target);
  } catch {
    return staged;
  }
  const untrack = trackTemporaryDirectory(target);
  return {
    dir: target,
    remove: async () => {
      await removeNamed(target);
      untrack();
    },
  };
}

/**
 * Moves the named tree aside in one step, then removes it: removed in place, its emptied directory could be
 * replaced by another run's export between the last file and the directory itself, and taken with it.
 */
async function removeNamed(target: string): Promise<void> {
  const aside = await mkdtemp(`${target}.`);
  await rename(target, aside).catch(() => undefined);
  await rm(aside, { recursive: true, force: true });
}

async function exportInto(root: string, commit: string, dir: string): Promise<ExportedTree> {
  const untrack = trackTemporaryDirectory(dir);
  const remove = async () => {
    await rm(dir, { recursive: true, force: true });
    untrack();
  };
  try {
    await exportCommit(root, commit, dir);
  } catch (error) {
    await remove();
    throw error;
  }
  return { dir, remove };
}

async function removeIfAbandoned(target: string): Promise<void> {
  const info = await stat(target).catch(() => undefined);
  if (info && Date.now() - info.mtimeMs > ABANDONED_MS) await removeNamed(target);
}

/** `git archive <commit> | tar -x -C <dir>`, as two processes joined by execa, no shell. */
export async function exportCommit(root: string, commit: string, dir: string): Promise<void> {
  await execa('git', ['archive', '--format=tar', commit], { cwd: root, stdin: 'ignore' }).pipe('tar', ['-x', '-f', '-', '-C', dir]);
}
