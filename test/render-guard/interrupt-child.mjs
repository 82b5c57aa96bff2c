// @ts-check
// Run by interrupt.test.ts as its own process: renders with a kustomize that never ends, until interrupted.
// Plain JavaScript that loads the render without tsx when dist/ is current (test/helpers/built-module.mjs).
import { importScript } from '../helpers/built-module.mjs';

/** @type {typeof import('../../scripts/lib/render/render.ts')} */
const { renderKustomization } = /** @type {never} */ (await importScript('lib/render/render'));

const [overlay = '', root = '', script = ''] = process.argv.slice(2);
await renderKustomization(overlay, { root, binary: { command: script, args: ['build'], version: 'v5.7.1', origin: 'KUSTOMIZE' }, timeoutMs: 600_000 });
