// @ts-check
// The launcher's bundle of the TypeScript sources, for a run after an edit (bin/launch.mjs): made once per
// state of the sources with the build's own bundleCommands, kept under node_modules/.cache, removed when unused.
// Plain JavaScript because it must run before anything is built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Where bundles of the sources are kept, one directory per state of the sources (inside the repository: ajv, left out of bundles, resolves from there). */
const SOURCE_BUNDLES = join('node_modules', '.cache', 'openclaw-launch');
/** A bundle of the sources no run has used for this long is removed when another is made. */
const UNUSED_BUNDLE_MS = 10 * 60_000;

/**
 * The directory of the commands bundled from scripts/**.ts as they are now (bin/bundle.mjs): tsx loads some
 * 250 modules through its hooks on every run (about 1.3 s of CPU), a bundle takes ~0.7 s to make once and
 * ~0.15 s to start. Made once per state of the bundle's inputs (sourcesKey) under a
 * private name and renamed into place, so concurrent runs see a whole bundle or none. Undefined when it
 * cannot be made (a bundling error; esbuild is installed wherever tsx is, which depends on it): the caller
 * then runs the sources through tsx.
 * @param {string} root
 * @param {(to: string) => Promise<void>} [bundle] makes the bundle in `to` (tests pass their own)
 * @returns {Promise<string | undefined>}
 */
export async function sourcesBundle(root, bundle = (to) => bundleSources(root, to)) {
  const home = join(root, SOURCE_BUNDLES);
  const dir = join(home, sourcesKey(root));
  const now = new Date();
  try {
    // Marked as used, so that no other run removes it as unused while this one loads from it.
    utimesSync(dir, now, now);
    return dir;
  } catch (error) {
    // A cache this user cannot write: a bundle another user made is used as it is.
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT' && existsSync(join(dir, 'command-io.js'))) return dir;
  }
  const partial = `${dir}.${process.pid}.partial`;
  try {
    await bundle(partial);
    renameSync(partial, dir);
  } catch {
    rmSync(partial, { recursive: true, force: true });
    // Another run may have put the same bundle there first.
    if (!existsSync(join(dir, 'command-io.js'))) return undefined;
  }
  for (const entry of readdirSync(home)) {
    if (join(home, entry) !== dir) removeIfUnused(join(home, entry), now.getTime());
  }
  return dir;
}

/**
 * Removes a bundle no run has marked as used for UNUSED_BUNDLE_MS. It is moved aside first and looked at
 * again, so that a run which marked it meanwhile keeps it; a removal that fails only leaves it for later.
 * @param {string} path
 * @param {number} now
 */
function removeIfUnused(path, now) {
  const unused = (/** @type {string} */ at) => now - (statSync(at, { throwIfNoEntry: false })?.mtimeMs ?? now) > UNUSED_BUNDLE_MS;
  if (!unused(path)) return;
  const aside = `${path}.${process.pid}.removed`;
  try {
    renameSync(path, aside);
    if (unused(aside)) rmSync(aside, { recursive: true, force: true });
    else renameSync(aside, path);
  } catch {
    // Another run removed it first, or the cache is not writable.
  }
}

/**
 * A digest of every input of a bundle of the sources (scripts/**.ts, the installed packages, how it is made):
 * its path, inode, size, modification and change time. An edit, a checkout, an added or removed file or an install changes it.
 * @param {string} root
 */
export function sourcesKey(root) {
  const made = ['node_modules/.package-lock.json', 'bin/bundle.mjs', 'bin/launch.mjs', 'package.json', 'tsconfig.json'].map((file) => join(root, file));
  const files = [...made, ...sourceFiles(join(root, 'scripts'))];
  // The inode and the change time too: a copy that keeps size and modification time (cp -p, rsync -a, tar)
  // still changes those, and no one can set the change time back.
  const lines = files.map((file) => {
    const stat = statSync(file, { bigint: true, throwIfNoEntry: false });
    return `${relative(root, file)}\t${stat?.ino}\t${stat?.size}\t${stat?.mtimeNs}\t${stat?.ctimeNs}`;
  });
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 16);
}

/**
 * Bundles scripts/ with esbuild into `to`.
 * @param {string} root
 * @param {string} to
 */
async function bundleSources(root, to) {
  const esbuild = await import(pathToFileURL(createRequire(join(root, 'package.json')).resolve('esbuild')).href);
  const { bundleCommands } = await import('./bundle.mjs');
  try {
    await bundleCommands(esbuild, { from: join(root, 'scripts'), to, extension: '.ts' });
  } finally {
    // esbuild's service process, ended here rather than left to the exit of the run.
    await esbuild.stop();
  }
}

/**
 * Every scripts/**.ts (not .d.ts) under `sources`, in no particular order.
 * @param {string} sources
 * @returns {Generator<string>}
 */
export function* sourceFiles(sources) {
  /** @type {string[]} */
  const pending = [sources];
  for (let dir = pending.pop(); dir !== undefined; dir = pending.pop()) {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      // Joined by hand: path.join's normalising was a third of this walk, which runs before every command.
      const path = `${dir}${sep}${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) yield path;
    }
  }
}
