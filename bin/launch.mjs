#!/usr/bin/env node
// @ts-check
// What `npm run validate|diff|promote` and the installed `openclaw-validate` start. It runs the command as
// built to JavaScript at `npm ci` (no TypeScript is transpiled at start-up): the bundle in dist/bundle/ when
// it was written after every source, else dist/'s unbundled modules when each is newer than its source.
// After an edit or a pull it bundles the TypeScript sources themselves, once per state of the sources
// (sourcesBundle), or runs them through tsx should bundling fail, so a run never uses stale JavaScript
// (`npm run build` makes dist/ current again).
// Plain JavaScript because it must run before anything is built.
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { sourceFiles, sourcesBundle } from './source-bundle.mjs';

export { sourcesBundle };

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

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url))) {
  await launch(process.argv[2] ?? '', process.argv.slice(3));
}
