// Issue 13: renders reused by content address. A reused render must be the render kustomize gives for
// the files as they are now: editing any file the overlay reads (resource, patch, generator input,
// component, any kustomization on the way) must render again. Real kustomize throughout.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkKustomizationGraph } from '../../scripts/lib/kustomize/graph.ts';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { RenderCache } from '../../scripts/lib/render/render-cache.ts';
import { provenInputs } from '../../scripts/lib/render/render-key.ts';
import { renderKustomization, type RenderResult } from '../../scripts/lib/render/render.ts';

const FILES: Record<string, string> = {
  'base/kustomization.yaml':
    'resources: [deployment.yaml]\nconfigMapGenerator:\n  - name: settings\n    files: [settings.conf]\n    envs: [vars.env]\n',
  'base/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.0\n',
  'base/settings.conf': 'mode=one\n',
  'base/vars.env': 'LEVEL=one\n',
  'component/kustomization.yaml':
    'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nlabels:\n  - pairs: {tier: one}\npatches:\n  - path: annotate.yaml\n',
  'component/annotate.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  annotations:\n    note: one\n',
  'overlay/kustomization.yaml': 'namePrefix: one-\nresources: [../base]\ncomponents: [../component]\npatches:\n  - path: replicas.yaml\n',
  'overlay/replicas.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n',
};

/** One edit per file the overlay reads, each of which changes the render. */
const EDITS: Array<[file: string, from: string, to: string]> = [
  ['base/kustomization.yaml', 'name: settings', 'name: options'],
  ['base/deployment.yaml', 'nginx:1.27.0', 'nginx:1.27.1'],
  ['base/settings.conf', 'mode=one', 'mode=two'],
  ['base/vars.env', 'LEVEL=one', 'LEVEL=two'],
  ['component/kustomization.yaml', 'tier: one', 'tier: two'],
  ['component/annotate.yaml', 'note: one', 'note: two'],
  ['overlay/kustomization.yaml', 'namePrefix: one-', 'namePrefix: two-'],
  ['overlay/replicas.yaml', 'replicas: 2', 'replicas: 3'],
];

let binary: KustomizeBinary;
let parent: string;
let repo: string;
let store: string;

const objects = (result: RenderResult) => JSON.stringify(result.resources.map((resource) => [resource.object, resource.file, resource.line]));
const render = (renders?: RenderCache, overlay = 'overlay') => renderKustomization(join(repo, overlay), { root: repo, boundary: repo, binary, renders });
const write = (files: Record<string, string>) => {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
};

beforeAll(async () => {
  binary = await resolveKustomize();
  parent = mkdtempSync(join(tmpdir(), 'render-cache-'));
  repo = join(parent, 'repo');
  store = join(parent, 'store');
  write(FILES);
});

afterAll(() => rmSync(parent, { recursive: true, force: true }));

describe('render cache', () => {
  it('serves a kept render, identical to a fresh one, without running kustomize', async () => {
    const first = new RenderCache(store);
    const fresh = await render(first);
    expect(fresh.failed).toBe(false);
    expect(first.counts).toEqual({ rendered: 1, reused: 0 });
    const second = new RenderCache(store);
    const reused = await render(second);
    expect(second.counts).toEqual({ rendered: 0, reused: 1 });
    expect(objects(reused)).toBe(objects(fresh));
    expect(objects(reused)).toBe(objects(await render()));
  });

  it('renders again after an edit to any file the overlay reads, and matches kustomize on the edited files', async () => {
    // One kustomize run per edit: the render the edit forces. What the cache keeps of it is served back and
    // compared with it, and the last state is compared with a render that bypasses the cache altogether.
    // Fill the store first so this test holds when run alone (it reuses the previous test's render otherwise).
    await render(new RenderCache(store));
    const unedited = new RenderCache(store);
    let before = objects(await render(unedited));
    expect(unedited.counts).toEqual({ rendered: 0, reused: 1 });
    for (const [file, from, to] of EDITS) {
      const path = join(repo, file);
      const text = readFileSync(path, 'utf8');
      expect(text, file).toContain(from);
      writeFileSync(path, text.replace(from, to));
      const cache = new RenderCache(store);
      const after = objects(await render(cache));
      expect(cache.counts, file).toEqual({ rendered: 1, reused: 0 });
      expect(after, file).not.toBe(before);
      const kept = new RenderCache(store);
      expect(objects(await render(kept)), file).toBe(after);
      expect(kept.counts, file).toEqual({ rendered: 0, reused: 1 });
      before = after;
    }
    expect(before).toBe(objects(await render()));
  });

  it('shares one kustomize run between renders of identical inputs in a run', async () => {
    const cache = new RenderCache();
    const [a, b] = await Promise.all([render(cache), render(cache)]);
    expect(cache.counts).toEqual({ rendered: 1, reused: 1 });
    expect(objects(a)).toBe(objects(b));
  });

  it('is a new key for another kustomize', async () => {
    await render(new RenderCache(store));
    const cache = new RenderCache(store);
    await renderKustomization(join(repo, 'overlay'), { root: repo, boundary: repo, binary: { ...binary, version: `${binary.version}-other` }, renders: cache });
    expect(cache.counts).toEqual({ rendered: 1, reused: 0 });
  });

  it('never keeps a render whose inputs the walk cannot prove: a one-line patch that would be a file if one existed', async () => {
    write({
      'one-line-patch/kustomization.yaml': `resources: [cm.yaml]\npatchesStrategicMerge:\n  - '{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}, "data": {"key": "patched"}}'\n`,
      'one-line-patch/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  key: value\n',
    });
    expect(provenInputs(walkKustomizationGraph(join(repo, 'one-line-patch'), repo))).toBeUndefined();
    const kept = new Set(readdirSync(store));
    const cache = new RenderCache(store);
    const result = await render(cache, 'one-line-patch');
    expect(result.findings).toEqual([]);
    expect(result.resources[0]?.object.data).toEqual({ key: 'patched' });
    await render(cache, 'one-line-patch');
    expect(cache.counts).toEqual({ rendered: 2, reused: 0 });
    expect(new Set(readdirSync(store))).toEqual(kept);
  });

  it('proves the inputs of an overlay whose every reference is a walked file or directory', () => {
    const inputs = provenInputs(walkKustomizationGraph(join(repo, 'overlay'), repo));
    expect(inputs?.map(([named]) => named.slice(realpathSync(repo).length + 1)).sort()).toEqual(Object.keys(FILES).sort());
  });

  it('never keeps a failed render', async () => {
    write({ 'broken/kustomization.yaml': 'resources: [cm.yaml]\n', 'broken/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n' });
    const kept = new Set(readdirSync(store));
    const cache = new RenderCache(store);
    expect((await render(cache, 'broken')).failed).toBe(true);
    expect(new Set(readdirSync(store))).toEqual(kept);
  });
});
