// Run by interrupt.test.ts as its own process: renders with a kustomize that never ends, until interrupted.
import { renderKustomization } from '../../scripts/lib/render/render.ts';

const [overlay, root, script] = process.argv.slice(2) as [string, string, string];
await renderKustomization(overlay, { root, binary: { command: script, args: ['build'], version: 'v5.7.1', origin: 'KUSTOMIZE' }, timeoutMs: 600_000 });
