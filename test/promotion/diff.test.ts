import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { formatDiff } from '../../scripts/lib/release/format-diff.ts';
import { renderAtRef } from '../../scripts/lib/release/render-at-ref.ts';
import { RenderCache } from '../../scripts/lib/render/render-cache.ts';
import { diffResources } from '../../scripts/lib/release/resource-diff.ts';
import type { CliResult } from '../helpers/cli.ts';
import { stableDirectory, type StableDirectory } from '../render/stable-directory.ts';
import { commitAll, edit, git, manifestRepositoryAt, run } from './repo.ts';

/**
 * Two commits: the second moves prod's image, adds a ConfigMap to the base, drops prod's network
 * policies and changes the generated gateway config (a new hash in its name).
 */
let repo: string;
/** Where repo is: the same path every run, so the working tree's renders are served again on a rerun. */
let place: StableDirectory;
/** `diff --base HEAD~1 prod` typed at the repository root: two cases read it, so it runs once (two renders). */
let prodSinceFirst: CliResult;
/** HEAD just before that run. */
let headBeforeDiff: string;
beforeAll(async () => {
  place = stableDirectory('diff');
  repo = await manifestRepositoryAt(join(place.path, 'repo'));
  await edit(join(repo, 'overlays/prod/kustomization.yaml'), (text) =>
    text.replace('newTag: "2026.9.5"', 'newTag: "2026.9.6"').replace('  - ../../components/network-policy\n', ''),
  );
  await writeFile(join(repo, 'base/feature-flags.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: feature-flags\ndata:\n  beta: "false"\n');
  await edit(join(repo, 'base/kustomization.yaml'), (text) => text.replace('resources:\n', 'resources:\n  - feature-flags.yaml\n'));
  await edit(join(repo, 'base/openclaw.json'), (text) => text.replace('{', '{\n  "diffTest": true,'));
  await commitAll(repo, 'second');
  headBeforeDiff = await git(repo, 'rev-parse', 'HEAD');
  prodSinceFirst = await run('diff', ['--base', 'HEAD~1', 'prod'], repo);
});
afterAll(() => place.release());

describe('npm run diff', () => {
  it('reports changed fields, added, removed and renamed resources between a ref and the working tree', async () => {
    // Run in beforeAll (the cross-directory case below compares with it); this is the first case, so the
    // repository is as that run left it.
    const result = prodSinceFirst;

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('Rendered diff: HEAD~1 → working tree');
    expect(result.stdout).toMatch(/^overlays\/prod: \d+ changed, 1 added, 3 removed, \d+ unchanged$/m);
    expect(result.stdout).toContain('  ~ Deployment openclaw/openclaw-gateway (apps/v1)');
    expect(result.stdout).toContain('      /spec/template/spec/containers/0/image: "ghcr.io/openclaw/openclaw:2026.9.5" → "ghcr.io/openclaw/openclaw:2026.9.6"');
    expect(result.stdout).toContain('  + ConfigMap openclaw/feature-flags (v1)');
    expect(result.stdout).toContain('  - NetworkPolicy openclaw/default-deny (networking.k8s.io/v1)');
    expect(result.stdout).toMatch(/ {2}> ConfigMap openclaw\/openclaw-gateway-config-\w{10} \(renamed from openclaw-gateway-config-\w{10}\)/);
    expect(result.stdout).not.toContain('overlays/dev');

    // No checkout, no worktree, nothing written into the repository.
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(headBeforeDiff);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
    expect((await git(repo, 'worktree', 'list')).split('\n')).toHaveLength(1);
  });

  it('compares every overlay by default and says which exist on one side only', async () => {
    await cp(join(repo, 'overlays/dev'), join(repo, 'overlays/staging'), { recursive: true });
    try {
      const result = await run('diff', ['--base', 'HEAD'], repo);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toMatch(/^overlays\/canary: no changes \(\d+ resources\)$/m);
      expect(result.stdout).toMatch(/^overlays\/staging: overlay added \(\d+ resources\)$/m);
      expect(result.stdout).toContain('  + Deployment openclaw-dev/openclaw-gateway (apps/v1)');
    } finally {
      await rm(join(repo, 'overlays/staging'), { recursive: true, force: true });
    }
  });

  it('writes Markdown with a heading per overlay and a table per changed resource', async () => {
    const result = await run('diff', ['--base', 'HEAD~1', '--format', 'markdown', 'overlays/prod'], repo);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^### `overlays\/prod`\n\n\d+ changed, 1 added, 3 removed, \d+ unchanged \(`HEAD~1` → `working tree`\)\n/);
    expect(result.stdout).toContain(
      '**Changed:** `Deployment openclaw/openclaw-gateway` (`apps/v1`)\n\n| Field | Before | After |\n| --- | --- | --- |\n',
    );
    expect(result.stdout).toContain('**Added (1):**\n\n- `ConfigMap openclaw/feature-flags` (`v1`)');
    expect(result.stdout).toContain('**Removed (3):**');
  });

  it('reports an overlay that does not render on one side', async () => {
    await edit(join(repo, 'overlays/canary/kustomization.yaml'), (text) => text.replace('  - ../../base\n', '  - ../../base\n  - missing.yaml\n'));
    try {
      const result = await run('diff', ['--base', 'HEAD', 'canary'], repo);
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('overlays/canary: could not be compared');
      expect(result.stdout).toMatch(/! working tree: .*"missing\.yaml", which does not exist/);
    } finally {
      await git(repo, 'checkout', '--', 'overlays/canary/kustomization.yaml');
    }
  });

  it('takes the repository from the overlay paths given, wherever the command is typed', async () => {
    const outside = join(repo, '..');
    const fromOutside = await run('diff', ['--base', 'HEAD~1', join(repo, 'overlays/prod')], outside);
    const fromRoot = prodSinceFirst;
    expect(fromOutside.exitCode).toBe(0);
    expect(fromOutside.stdout).toMatch(/^overlays\/prod: \d+ changed, 1 added, 3 removed, \d+ unchanged$/m);
    expect(fromOutside.stdout).toBe(fromRoot.stdout);
  });

  it('exits 2 on an unknown ref or outside a git repository', async () => {
    const unknown = await run('diff', ['--base', 'no-such-branch'], repo);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr.trim()).toBe('diff: unknown git ref: no-such-branch');

    const outside = await run('diff', ['--base', 'HEAD'], join(repo, '..'));
    expect(outside.exitCode).toBe(2);
    expect(outside.stderr).toMatch(/^diff: .* is not inside a git repository/);
  });
});

describe('renderAtRef', () => {
  it('renders the overlays as committed at the ref, whatever the working tree holds', async () => {
    const [prod] = await renderAtRef(repo, 'HEAD~1', ['overlays/prod']);
    const deployment = prod!.resources.find((resource) => resource.object.kind === 'Deployment')!.object as KubeObject & {
      spec: { template: { spec: { containers: Array<{ image: string }> } } };
    };
    expect(prod!.exists).toBe(true);
    expect(deployment.spec.template.spec.containers[0]!.image).toBe('ghcr.io/openclaw/openclaw:2026.9.5');
    expect(prod!.resources.some((resource) => resource.object.kind === 'NetworkPolicy')).toBe(true);
  });

  it('with a render cache on disk, renders a ref once: the next render of the same tree is served from the cache', async () => {
    // A cache of this case's own (as the diff command keeps one): nothing another run left or holds can change the counts.
    const renders = join(await mkdtemp(join(tmpdir(), 'diff-ref-cache-')), 'renders');
    const [rendered] = await renderAtRef(repo, 'HEAD~1', ['overlays/prod'], { renders: new RenderCache(renders) });
    const again = new RenderCache(renders);
    const [served] = await renderAtRef(repo, 'HEAD~1', ['overlays/prod'], { renders: again });
    expect(again.counts).toEqual({ rendered: 0, reused: 1 });
    expect(JSON.stringify(served)).toBe(JSON.stringify(rendered));
    // The export was at the tree's own path beside the cache, and is removed like any export.
    expect(existsSync(join(renders, '..', 'ref-trees', await git(repo, 'rev-parse', 'HEAD~1^{tree}')))).toBe(false);
    await rm(join(renders, '..'), { recursive: true, force: true });
  });

  it('renders one ref twice at once, each run whole, and leaves no exported tree behind', async () => {
    const renders = join(await mkdtemp(join(tmpdir(), 'diff-ref-cache-')), 'renders');
    const [a, b] = await Promise.all([
      renderAtRef(repo, 'HEAD', ['overlays/canary'], { renders: new RenderCache(renders) }),
      renderAtRef(repo, 'HEAD', ['overlays/canary'], { renders: new RenderCache(renders) }),
    ]);
    expect(a.map((render) => [render.exists, render.failed])).toEqual([[true, false]]);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(existsSync(join(renders, '..', 'ref-trees', await git(repo, 'rev-parse', 'HEAD^{tree}')))).toBe(false);
    await rm(join(renders, '..'), { recursive: true, force: true });
  });
});

describe('diffResources', () => {
  const pod = (env: Array<{ name: string; value: string }>): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'n' },
    spec: { containers: [{ name: 'app', env }] },
  });

  it('matches named list items by name, so an insertion is one added item', () => {
    const diff = diffResources([pod([{ name: 'A', value: '1' }])], [pod([{ name: 'NEW', value: 'x' }, { name: 'A', value: '2' }])]);
    expect(diff.changes).toEqual([
      {
        change: 'changed',
        ref: { apiVersion: 'v1', kind: 'Pod', namespace: 'n', name: 'p' },
        fields: [
          { path: '/spec/containers/0/env/0', kind: 'added', after: { name: 'NEW', value: 'x' } },
          { path: '/spec/containers/0/env/1/value', kind: 'changed', before: '1', after: '2' },
        ],
      },
    ]);
  });

  it('shows a long changed value around its first difference, and truncates it', () => {
    const dashboard = (title: string) => JSON.stringify({ panels: Array.from({ length: 40 }, (_, i) => ({ id: i })), title });
    const map = (text: string): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dash' }, data: { 'd.json': text } });
    const text = formatDiff(
      { before: 'a', after: 'b', overlays: [{ overlay: 'o', status: 'compared', failures: [], diff: diffResources([map(dashboard('Old'))], [map(dashboard('New'))]) }] },
      'text',
    );
    const line = text.split('\n').find((entry) => entry.includes('/data/d.json'))!;
    expect(line).toMatch(/^ {6}\/data\/d\.json: ….*Old.* \(\d+ chars\) → ….*New.* \(\d+ chars\)$/);
    expect(line.length).toBeLessThan(400);
  });
});
