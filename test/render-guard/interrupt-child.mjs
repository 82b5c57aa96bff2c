// @ts-check
// Run by interrupt.test.ts as its own process: renders with a kustomize that never ends, until interrupted.
// It loads the render as bin/launch.mjs loads a command: the JavaScript built in dist/ while that is newer
// than every source in scripts/, the TypeScript sources through tsx otherwise. So it starts as a user's run
// starts (tsx alone costs about half a second of CPU per process) and never runs stale code.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { staleBuild } from '../../bin/launch.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let renderModule = join(ROOT, 'dist', 'lib', 'render', 'render.js');
if (staleBuild(ROOT)) {
  const { register } = await import('tsx/esm/api');
  register();
  renderModule = join(ROOT, 'scripts', 'lib', 'render', 'render.ts');
}
/** @type {typeof import('../../scripts/lib/render/render.ts')} */
const { renderKustomization } = await import(pathToFileURL(renderModule).href);

const [overlay = '', root = '', script = ''] = process.argv.slice(2);
await renderKustomization(overlay, { root, binary: { command: script, args: ['build'], version: 'v5.7.1', origin: 'KUSTOMIZE' }, timeoutMs: 600_000 });
