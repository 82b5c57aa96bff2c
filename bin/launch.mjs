#!/usr/bin/env node
// @ts-check
// What `npm run validate|diff|promote` and the installed `openclaw-validate` start. It runs the command as
// built to JavaScript at `npm ci` (no TypeScript is transpiled at start-up): the bundle in dist/bundle/ when
// it was written after every source, else dist/'s unbundled modules when each is newer than its source.
// After an edit or a pull it bundles the TypeScript sources themselves, once per state of the sources
// (sourcesBundle), or runs them through tsx should bundling fail, so a run never uses stale JavaScript
// (`npm run build` makes dist/ current again).
// Plain JavaScript because it must run before anything is built.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const COMMANDS = ['validate', 'diff', 'promote'];

/**
 * Why dist/ cannot be used for a run, or undefined when it can: every scripts/**.ts has a dist/**.js
 * written after it. An installed copy without scripts/ uses dist/ as it is.
 * @param {string} root
 * @returns {string | undefined}
 */
export function staleBuild(root) {
  const sources = join(root, 'scripts');
  const built = join(root, 'dist');
  if (!existsSync(sources)) return existsSync(built) ? undefined : 'neither scripts/ nor dist/ exists';
  for (const path of sourceFiles(sources)) {
    const name = relative(sources, path);
    // One stat of the build (not an existence check and a stat): this runs before every command.
    const output = statSync(join(built, name.replace(/\.ts$/, '.js')), { throwIfNoEntry: false });
    if (!output) return `dist/ has no build of scripts/${name}`;
    if (statSync(path).mtimeMs > output.mtimeMs) return `scripts/${name} changed after the last build`;
  }
  return undefined;
}

/**
 * Every scripts/**.ts (not .d.ts) under `sources`, in no particular order.
 * @param {string} sources
 * @returns {Generator<string>}
 */
function* sourceFiles(sources) {
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

/**
 * The newest modification time among what a bundle is made of: scripts/**.ts, the installed packages (npm
 * rewrites node_modules/.package-lock.json on every install) and bin/bundle.mjs, which makes it.
 * @param {string} root
 */
export function newestSource(root) {
  const inputs = [join(root, 'node_modules', '.package-lock.json'), join(root, 'bin', 'bundle.mjs')];
  let newest = Math.max(...inputs.map((file) => statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0));
  const sources = join(root, 'scripts');
  if (!existsSync(sources)) return newest;
  for (const path of sourceFiles(sources)) newest = Math.max(newest, statSync(path).mtimeMs);
  return newest;
}

/**
 * Where the command's module and command-io are loaded from: the bundle (dist/bundle/, see bin/bundle.mjs)
 * when it was written after every source, else the unbundled build when it is current, else the sources.
 * @param {string} root
 * @param {string} command
 * @returns {{ kind: 'bundle' | 'build' | 'sources', command: string, commandIo: string, stale?: string }}
 */
export function runnable(root, command) {
  const bundle = join(root, 'dist', 'bundle');
  const bundled = statSync(join(bundle, `${command}.js`), { throwIfNoEntry: false });
  if (bundled && bundled.mtimeMs > newestSource(root)) {
    return { kind: 'bundle', command: join(bundle, `${command}.js`), commandIo: join(bundle, 'command-io.js') };
  }
  const stale = staleBuild(root);
  if (!stale) return { kind: 'build', command: join(root, 'dist', `${command}.js`), commandIo: join(root, 'dist', 'lib', 'cli', 'command-io.js') };
  return { kind: 'sources', command: join(root, 'scripts', `${command}.ts`), commandIo: join(root, 'scripts', 'lib', 'cli', 'command-io.ts'), stale };
}

/**
 * Runs one command with the process's streams, directory and environment; sets the exit status.
 * @param {string} command
 * @param {readonly string[]} args
 */
export async function launch(command, args) {
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`openclaw: unknown command "${command ?? ''}" (one of ${COMMANDS.join(', ')})\n`);
    process.exitCode = 2;
    return;
  }
  let modules = runnable(ROOT, command);
  const bundled = modules.kind === 'sources' ? await sourcesBundle(ROOT) : undefined;
  if (bundled !== undefined) {
    modules = { kind: 'sources', command: join(bundled, `${command}.js`), commandIo: join(bundled, 'command-io.js') };
  } else if (modules.kind === 'sources') {
    // Said on a terminal only: scripts and CI read stderr, and the run is correct either way, just slower.
    if (process.stderr.isTTY) process.stderr.write(`note: ${modules.stale}; running the TypeScript sources through tsx (npm run build for a fast start)\n`);
    const { register } = await import('tsx/esm/api');
    register();
  }
  /** @type {{ main: (argv: readonly string[], io: unknown) => Promise<number> }} */
  const { main } = await import(pathToFileURL(modules.command).href);
  /** @type {{ processIo: () => unknown }} */
  const { processIo } = await import(pathToFileURL(modules.commandIo).href);
  process.exitCode = await main(args, processIo());
}

/** Where bundles of the sources are kept, one directory per state of the sources (inside the repository: ajv, left out of bundles, resolves from there). */
const SOURCE_BUNDLES = join('node_modules', '.cache', 'openclaw-launch');
/** A bundle of the sources no run has used for this long is removed when another is made. */
const UNUSED_BUNDLE_MS = 10 * 60_000;

/**
 * The directory of the commands bundled from scripts/**.ts as they are now (bin/bundle.mjs): tsx loads some
 * 250 modules through its hooks on every run (about 1.3 s of CPU), a bundle takes ~0.7 s to make once and
 * ~0.15 s to start. Made once per state of the bundle's inputs (each one's path, size and time) under a
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
  } catch {
    // Not made yet (or not writable): made below.
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
    const path = join(home, entry);
    const used = statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now.getTime();
    if (path !== dir && now.getTime() - used > UNUSED_BUNDLE_MS) rmSync(path, { recursive: true, force: true });
  }
  return dir;
}

/**
 * A digest of every input of a bundle of the sources (scripts/**.ts, the installed packages, how it is made):
 * its path, size and modification time. An edit, a checkout, an added or removed file or an install changes it.
 * @param {string} root
 */
export function sourcesKey(root) {
  const made = ['node_modules/.package-lock.json', 'bin/bundle.mjs', 'bin/launch.mjs'].map((file) => join(root, file));
  const files = [...made, ...sourceFiles(join(root, 'scripts'))];
  const lines = files.map((file) => {
    const stat = statSync(file, { throwIfNoEntry: false });
    return `${relative(root, file)}\t${stat?.size}\t${stat?.mtimeMs}`;
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

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  await launch(process.argv[2] ?? '', process.argv.slice(3));
}
