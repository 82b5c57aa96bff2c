// @ts-check
// For a process or worker thread a test starts outside vitest: imports a module of scripts/ as
// bin/launch.mjs would load it, the JavaScript built in dist/ while that is newer than every source (see
// staleBuild), the TypeScript source through tsx otherwise. Starting tsx costs about half a second of CPU,
// and an edited source is never run as its stale build.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuild } from '../../bin/launch.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** @type {'dist' | 'scripts' | undefined} decided on the first import */
let tree;

/**
 * The module `scripts/<path>.ts` (path without extension, e.g. 'lib/render/render').
 * @param {string} path
 * @returns {Promise<unknown>}
 */
export async function importScript(path) {
  if (tree === undefined) {
    tree = staleBuild(ROOT) ? 'scripts' : 'dist';
    if (tree === 'scripts') (await import('tsx/esm/api')).register();
  }
  return import(pathToFileURL(join(ROOT, tree, `${path}.${tree === 'scripts' ? 'ts' : 'js'}`)).href);
}
