// Directories of files made only to be rendered (a ref's export, promote's staged copy), at a path the next
// run finds again. Renders are kept by their inputs' bytes AND paths (render/render-key.ts: kustomize's output
// names the paths), so files written into a new temporary directory each time are rendered again each time.
// Beside an on-disk render cache, such a tree is made at a path named after what it holds: the same files at
// the same path, whose renders the cache serves again. Which render is served is still decided by content
// alone; the path only makes a hit possible. The tree itself is always removed after use.
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { trackTemporaryDirectory } from '../render/interrupt.ts';

export interface Tree {
  dir: string;
  /** Removes the directory (always: a tree is never reused as it stands, only its renders are). */
  remove(): Promise<void>;
}

/** A tree left by a run that ended without removing it (killed) is removed after this long. */
const ABANDONED_MS = 60 * 60 * 1000;

/**
 * A directory filled by `fill`, removed by the caller. With `renderCacheDir` (the on-disk render cache's
 * directory), at `<its parent>/<kind>-trees/<name>`, unless another run is using that path right now; otherwise (as
 * without a cache) a private temporary directory named `openclaw-<kind>-…`.
 */
export async function keptTree(kind: string, name: string | undefined, renderCacheDir: string | undefined, fill: (dir: string) => Promise<void>): Promise<Tree> {
  const named = renderCacheDir !== undefined && name !== undefined ? await namedTree(join(dirname(renderCacheDir), `${kind}-trees`), name, fill) : undefined;
  return named ?? filled(await mkdtemp(join(tmpdir(), `openclaw-${kind}-`)), fill);
}

/** undefined when the place cannot be written (a read-only cache): a private directory serves then. */
async function namedTree(parent: string, name: string, fill: (dir: string) => Promise<void>): Promise<Tree | undefined> {
  const target = join(parent, name);
  let staged: string;
  try {
    await mkdir(parent, { recursive: true });
    await removeAbandoned(parent);
    staged = await mkdtemp(join(parent, `${name}.`));
  } catch {
    return undefined;
  }
  // Filled privately, then moved into place in one step: a directory at the named path is always whole,
  // and a rename onto a tree another run is using fails instead of mixing the two.
  const tree = await filled(staged, fill);
  try {
    await rename(staged, target);
  } catch {
    return tree; // another run holds the name: this tree is used where it is
  }
  await tree.remove(); // only stops tracking the staged path: nothing is there any more
  return owned(target, () => removeNamed(target));
}

async function filled(dir: string, fill: (dir: string) => Promise<void>): Promise<Tree> {
  const tree = owned(dir, () => rm(dir, { recursive: true, force: true }));
  try {
    await fill(dir);
  } catch (error) {
    await tree.remove();
    throw error;
  }
  return tree;
}

function owned(dir: string, removal: () => Promise<void>): Tree {
  const untrack = trackTemporaryDirectory(dir);
  return {
    dir,
    remove: async () => {
      await removal();
      untrack();
    },
  };
}

/**
 * Moves the named tree aside in one step, then removes it: removed in place, its emptied directory could be
 * replaced by another run's tree between the last file and the directory itself, and taken with it. Never
 * throws: it runs when a render or a promotion ends, whose own result or error must reach the user; a tree
 * it cannot remove is left for removeAbandoned.
 */
async function removeNamed(target: string): Promise<void> {
  try {
    const aside = await mkdtemp(`${target}.`);
    await rename(target, aside).catch(() => undefined);
    await rm(aside, { recursive: true, force: true });
  } catch {
    await rm(target, { recursive: true, force: true }).catch(() => undefined);
  }
}

/** Removes whatever runs that were killed left in `parent` (named trees of any ref, staged or moved-aside ones). */
async function removeAbandoned(parent: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    const path = join(parent, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > ABANDONED_MS) await removeNamed(path);
  }
}
