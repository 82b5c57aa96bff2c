#!/usr/bin/env node
// @ts-check
// The `prepare` script (run by `npm ci`) and `npm run build`: builds dist/ with tsc when TypeScript is
// installed, then bundles the commands into dist/bundle/ with esbuild (bin/bundle.mjs), which is what
// bin/launch.mjs runs. TypeScript is a devDependency, so `npm ci --omit=dev` has none; the build is then
// skipped with a note rather than failing the install, because bin/launch.mjs runs the TypeScript sources
// through tsx whenever dist/ is missing. Plain JavaScript because it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleCommands } from './bundle.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = join(ROOT, 'dist');

/** A package's entry as this package resolves it, or undefined when it is not installed. */
function installed(/** @type {string} */ specifier) {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve(specifier);
  } catch {
    return undefined;
  }
}

const tsc = installed('typescript/bin/tsc');
// Never leave a bundle of an older build behind: bin/launch.mjs would take it for current.
rmSync(join(DIST, 'bundle'), { recursive: true, force: true });
if (tsc === undefined) {
  process.stderr.write('note: typescript is not installed (dev dependencies omitted): dist/ not built; the commands run the TypeScript sources through tsx\n');
} else {
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
  const esbuild = installed('esbuild');
  if (result.status === 0 && esbuild === undefined) {
    process.stderr.write('note: esbuild is not installed: the commands run from dist/ unbundled (a slower start)\n');
  } else if (result.status === 0 && esbuild !== undefined) {
    // dist/ is built and runs without the bundle: a bundling failure (say, esbuild's platform binary left out
    // with --omit=optional) costs start-up time, not the install. test/foundation/bundle.test.ts bundles the
    // sources itself, so a failure the code causes still fails the suite.
    try {
      await bundleCommands(await import(pathToFileURL(esbuild).href), { from: DIST, to: join(DIST, 'bundle'), extension: '.js' });
    } catch (error) {
      rmSync(join(DIST, 'bundle'), { recursive: true, force: true });
      process.stderr.write(`note: the commands could not be bundled (${error instanceof Error ? error.message.split('\n')[0] : String(error)}): they run from dist/ unbundled (a slower start)\n`);
    }
  }
}
