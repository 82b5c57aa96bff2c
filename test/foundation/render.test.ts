import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { outsideReferences } from '../../scripts/lib/sources/kustomization-paths.ts';
import { loadSource } from '../../scripts/lib/sources/load.ts';

const root = join(import.meta.dirname, '..', '..');
const fixture = (name: string) => join(root, 'test', 'fixtures', 'overlays', name);
let binary: KustomizeBinary;

beforeAll(async () => {
  binary = await resolveKustomize();
});

describe('rendering an overlay with the real kustomize', () => {
  it('points each rendered resource at the file it came from, without origin annotations', async () => {
    const { resources, findings } = await renderKustomization(fixture('app/overlay'), { binary, root });
    expect(findings).toEqual([]);
    const plain = resources.find((r) => r.object.metadata?.name === 'plain-test')!;
    expect(plain.file).toBe('test/fixtures/overlays/app/base/configmap.yaml');
    expect(plain.source).toBe('test/fixtures/overlays/app/overlay');
    expect(plain.object.metadata).toEqual({ name: 'plain-test', namespace: 'fixture', labels: { tier: 'web' } });
    expect(plain.locate('/metadata/labels/tier')).toEqual({ line: 6, column: 5 });
    const generated = resources.find((r) => r.object.metadata?.name?.startsWith('settings-test-'))!;
    expect(generated.file).toBe('test/fixtures/overlays/app/base/kustomization.yaml');
    expect(generated.object.metadata?.annotations).toBeUndefined();
  });

  it('turns a kustomize failure into a render finding that names the overlay and keeps kustomize’s message', async () => {
    const { resources, findings } = await renderKustomization(fixture('missing-file'), { binary, root });
    expect(resources).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'render', severity: 'error', source: 'test/fixtures/overlays/missing-file' });
    expect(findings[0]!.message).toMatch(/does-not-exist\.yaml/);
    expect(findings[0]!.message).not.toMatch(/openclaw-render-/);
  });

  it('fails a remote base without network as a finding, quickly', async () => {
    const { findings } = await renderKustomization(fixture('remote-base'), { binary, root, timeoutMs: 30_000 });
    expect(findings).toEqual([expect.objectContaining({ rule: 'render', severity: 'error' })]);
  });

  it('refuses to render an overlay holding a symlink that points outside the repository', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'repo-'));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: stolen}\n');
    mkdirSync(join(repo, 'overlay'));
    writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'resources: [secret.yaml]\n');
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'overlay', 'secret.yaml'));
    const loaded = await loadSource({ kind: 'kustomization', name: 'overlay', path: join(repo, 'overlay') }, { root: repo, binary });
    expect(loaded.resources).toEqual([]);
    expect(loaded.findings).toEqual([
      expect.objectContaining({ rule: 'input', file: 'overlay/secret.yaml', message: expect.stringMatching(/outside the repository/) }),
    ]);
    expect(relative(repo, join(repo, 'overlay'))).toBe('overlay');
  });
});

describe('an overlay that reaches outside the repository', () => {
  it('is not rendered when it or a base it uses names a directory, or a symlink, outside the repository', async () => {
    const repo = mkdtempSync(join(tmpdir(), 'repo-'));
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'kustomization.yaml'), 'resources: [leak.yaml]\n');
    writeFileSync(join(outside, 'leak.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: leak}\n');
    mkdirSync(join(repo, 'base'));
    writeFileSync(join(repo, 'base', 'kustomization.yaml'), 'resources: [own.yaml, linked]\n');
    writeFileSync(join(repo, 'base', 'own.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: own}\n');
    symlinkSync(outside, join(repo, 'base', 'linked'));
    mkdirSync(join(repo, 'climbs'));
    const climbing = relative(join(repo, 'climbs'), outside);
    writeFileSync(join(repo, 'climbs', 'kustomization.yaml'), `resources: [${JSON.stringify(climbing)}]\n`);
    mkdirSync(join(repo, 'via-base'));
    writeFileSync(join(repo, 'via-base', 'kustomization.yaml'), 'resources: [../base]\n');

    const climbs = await loadSource({ kind: 'kustomization', name: 'climbs', path: join(repo, 'climbs') }, { root: repo, binary });
    expect(climbs.resources).toEqual([]);
    expect(climbs.findings).toEqual([
      expect.objectContaining({ rule: 'input', file: 'climbs/kustomization.yaml', message: expect.stringContaining(`names ${JSON.stringify(climbing)}, which resolves outside the repository`) }),
    ]);

    const viaBase = await loadSource({ kind: 'kustomization', name: 'via-base', path: join(repo, 'via-base') }, { root: repo, binary });
    expect(viaBase.resources).toEqual([]);
    expect(viaBase.findings).toEqual([
      expect.objectContaining({ rule: 'input', file: 'base/kustomization.yaml', message: expect.stringContaining('names "linked", which resolves outside the repository') }),
    ]);
  });

  it('leaves inside references, remote ones and generator files alone', () => {
    const repo = mkdtempSync(join(tmpdir(), 'repo-'));
    mkdirSync(join(repo, 'overlay'));
    writeFileSync(
      join(repo, 'overlay', 'kustomization.yaml'),
      'resources: [cm.yaml, "https://github.com/example/repo//base?ref=v1.0.0"]\nconfigMapGenerator:\n  - name: c\n    files: [app.json=config/app.json]\n',
    );
    expect(outsideReferences(join(repo, 'overlay'), repo)).toEqual([]);
    writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'secretGenerator:\n  - name: s\n    envs: [../../../etc/hostname]\n');
    expect(outsideReferences(join(repo, 'overlay'), repo).map((o) => o.reference)).toEqual(['../../../etc/hostname']);
  });
});

describe('an image set by the overlay', () => {
  it('is located at the overlay’s images: entry, other fields at the original manifest', async () => {
    const { resources } = await renderKustomization(fixture('app/images'), { binary, root });
    const web = resources.find((r) => r.object.kind === 'Deployment')!;
    expect(web.locate('/spec/template/spec/containers/0/image')).toEqual({ file: 'test/fixtures/overlays/app/images/kustomization.yaml', line: 6, column: 5 });
    expect(web.locate('/spec/template/spec/containers/0/command')).toEqual({ line: 15, column: 11 });
  });
});
