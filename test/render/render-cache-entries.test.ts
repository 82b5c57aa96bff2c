// The render cache's own files and keys (issue 13 clean-up): an entry is sized before it is read, entries
// are written whole, and a render key notices an input edited after it was read, whether the file is
// compared by its stat or, changed too recently for that, by its bytes. Real kustomize, real files.
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../scripts/lib/cache-dir.ts';
import { walkKustomizationGraph } from '../../scripts/lib/kustomize/graph.ts';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { RenderCache } from '../../scripts/lib/render/render-cache.ts';
import { RenderKeys, type RenderKeyParts } from '../../scripts/lib/render/render-key.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';

let binary: KustomizeBinary;
let parent: string;
let repo: string;

beforeAll(async () => {
  binary = await resolveKustomize();
  parent = mkdtempSync(join(tmpdir(), 'render-cache-entries-'));
  repo = join(parent, 'repo');
  writeFileAtomically(join(repo, 'overlay', 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  writeFileAtomically(join(repo, 'overlay', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  key: one\n');
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

const render = (renders: RenderCache) => renderKustomization(join(repo, 'overlay'), { root: repo, boundary: repo, binary, renders });
const parts = (): RenderKeyParts => ({ graph: walkKustomizationGraph(join(repo, 'overlay'), repo), binary, flags: [], realOverlay: join(repo, 'overlay'), realRoot: repo, scratch: tmpdir() });

describe('render cache entries', () => {
  it('does not load an entry larger than any render it keeps: it renders again', async () => {
    const store = join(parent, 'store-large');
    await render(new RenderCache(store));
    const [entry] = readdirSync(store);
    expect(entry).toMatch(/\.yaml$/);
    const file = join(store, entry!);
    const header = readFileSync(file).subarray(0, 'openclaw-render wrapper\n'.length);
    writeFileSync(file, header);
    truncateSync(file, 64 * 1024 * 1024); // sparse: no disk used, but past the bound
    const cache = new RenderCache(store);
    const result = await render(cache);
    expect(cache.counts).toEqual({ rendered: 1, reused: 0 });
    expect(result.resources.map((resource) => resource.object.data)).toEqual([{ key: 'one' }]);
  });

  it('writes an entry whole and leaves no partial file, and fails without one where it cannot write', () => {
    const dir = join(parent, 'atomic');
    writeFileAtomically(join(dir, 'a.txt'), 'whole');
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('whole');
    expect(() => writeFileAtomically(join(dir, 'a.txt', 'below-a-file'), 'x')).toThrow();
    expect(readdirSync(dir)).toEqual(['a.txt']);
  });
});

describe('render keys', () => {
  const edit = (text: string) => writeFileSync(join(repo, 'overlay', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  key: ${text}\n`);

  it('are the same for the same bytes in another run, and differ after an edit', () => {
    edit('one');
    const first = new RenderKeys().key(parts());
    expect(first?.key).toBe(new RenderKeys().key(parts())?.key);
    edit('two');
    expect(new RenderKeys().key(parts())?.key).not.toBe(first?.key);
  });

  it('notice a same-size edit of a file changed just now, by its bytes', () => {
    edit('one');
    const key = new RenderKeys().key(parts())!;
    expect(key.unchanged()).toBe(true);
    edit('two');
    expect(key.unchanged()).toBe(false);
  });

  it('notice a same-size edit of a file they trust by its stat', () => {
    edit('one');
    // A clock a minute ahead: every file looks long settled, so only its stat is compared.
    const keys = new RenderKeys(() => Date.now() + 60_000);
    const key = keys.key(parts())!;
    expect(key.unchanged()).toBe(true);
    edit('two');
    expect(key.unchanged()).toBe(false);
    // And the digest kept for the old stat is not reused for the new bytes.
    expect(keys.key(parts())?.key).toBe(new RenderKeys().key(parts())?.key);
    expect(keys.key(parts())?.key).not.toBe(key.key);
  });
});
