import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { walkKustomizationGraph } from '../../scripts/lib/kustomize/graph.ts';
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

  it('refuses a remote base before kustomize runs, as an input finding at its line', async () => {
    const { findings, failed } = await renderKustomization(fixture('remote-base'), { binary, root, timeoutMs: 30_000 });
    expect(failed).toBe(true);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'input', severity: 'error', file: 'test/fixtures/overlays/remote-base/kustomization.yaml', line: 2, message: expect.stringMatching(/remote location/) }),
    ]);
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
      expect.objectContaining({ rule: 'input', file: 'overlay/kustomization.yaml', line: 1, message: expect.stringMatching(/resources\[0\] names "secret.yaml", which resolves outside the repository/) }),
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
      expect.objectContaining({ rule: 'input', file: 'climbs/kustomization.yaml', message: expect.stringContaining(`resources[0] names ${JSON.stringify(climbing)}, which resolves outside the repository`) }),
    ]);

    const viaBase = await loadSource({ kind: 'kustomization', name: 'via-base', path: join(repo, 'via-base') }, { root: repo, binary });
    expect(viaBase.resources).toEqual([]);
    expect(viaBase.findings).toEqual([
      expect.objectContaining({ rule: 'input', file: 'base/kustomization.yaml', message: expect.stringContaining('resources[1] names "linked", which resolves outside the repository') }),
    ]);
  });

  it('accepts inside references and generator files, and refuses remote ones and outside generator files', () => {
    const repo = mkdtempSync(join(tmpdir(), 'repo-'));
    mkdirSync(join(repo, 'overlay'));
    writeFileSync(
      join(repo, 'overlay', 'kustomization.yaml'),
      'resources: [cm.yaml, "https://github.com/example/repo//base?ref=v1.0.0"]\nconfigMapGenerator:\n  - name: c\n    files: [app.json=config/app.json]\n',
    );
    mkdirSync(join(repo, 'overlay', 'config'));
    writeFileSync(join(repo, 'overlay', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    writeFileSync(join(repo, 'overlay', 'config', 'app.json'), '{}');
    expect(walkKustomizationGraph(join(repo, 'overlay'), repo).problems.map((p) => p.message)).toEqual([
      'resources[1] names "https://github.com/example/repo//base?ref=v1.0.0", a remote location; rendering never fetches anything',
    ]);
    writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'secretGenerator:\n  - name: s\n    envs: [../../../etc/hostname]\n');
    expect(walkKustomizationGraph(join(repo, 'overlay'), repo).problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/^secretGenerator\[0\]\.envs\[0\] names "..\/..\/..\/etc\/hostname", which resolves outside the repository/),
    ]);
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
