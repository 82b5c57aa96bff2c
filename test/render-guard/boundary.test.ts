// Review of issue 10's guarded render: the repository boundary is the overlay's git work tree even when
// the command runs from a directory above it; manifest directories never follow a link out of it; every
// YAML file kustomize reads is bounded in aliases; an in-repository symlinked base keeps its file and line;
// a failed kustomize lookup is not remembered.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { repositoryBoundary } from '../../scripts/lib/sources/discover.ts';
import { loadSource } from '../../scripts/lib/sources/load.ts';
import { runValidate } from '../helpers/cli.ts';
import { attackRepository, configMap, type AttackRepository } from './attack-repo.ts';

/** 28 layers, each a list of four aliases of the layer below: kustomize would expand 4^28 nodes. */
const BOMB = ['a0: &a0 [x, x, x, x]', ...Array.from({ length: 28 }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}]`)].join('\n');
const PATCH_BOMB = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n${BOMB}\n`;
/** Anchors in data a generator copies verbatim: text to kustomize, never expanded. */
const ANCHORED_DATA = Array.from({ length: 40 }, (_, i) => `k${i}: *d`).join('\n');

/** Overlay → what it reads through a field that is not `resources:`. */
const BOMBS: Record<string, string> = {
  'patch-path': 'patches:\n  - path: bomb.yaml\n',
  'patch-strategic': 'patchesStrategicMerge: [bomb.yaml]\n',
  'patch-json6902': 'patchesJson6902:\n  - path: bomb.yaml\n    target: {kind: ConfigMap, name: ok}\n',
  replacement: 'replacements:\n  - path: bomb.yaml\n',
  crds: 'crds: [bomb.yaml]\n',
  configurations: 'configurations: [bomb.yaml]\n',
  openapi: 'openapi:\n  path: bomb.yaml\n',
};

let attack: AttackRepository;
let binary: KustomizeBinary;

beforeAll(async () => {
  binary = await resolveKustomize();
  attack = await attackRepository(() => {
    const files: Record<string, string> = {
      'base/kustomization.yaml': 'resources: [configmap.yaml]\n',
      'base/configmap.yaml': configMap('ok'),
      'overlays/evil/kustomization.yaml': 'resources: [leak]\n',
      'overlays/evil-file/kustomization.yaml': 'resources: [../../base, leak.yaml]\n',
      'overlays/linked/kustomization.yaml': 'resources: [link]\n',
      'overlays/generator-anchors/kustomization.yaml': 'resources: [../../base]\nconfigMapGenerator:\n  - name: anchored\n    files: [data.yaml]\n',
      'overlays/generator-anchors/data.yaml': `d: &d x\n${ANCHORED_DATA}\n`,
      'flux/ok.yaml': configMap('flux-ok'),
    };
    for (const [name, text] of Object.entries(BOMBS)) {
      files[`overlays/${name}/kustomization.yaml`] = `resources: [../../base]\n${text}`;
      files[`overlays/${name}/bomb.yaml`] = PATCH_BOMB;
    }
    const links = {
      'overlays/evil/leak': '../../../outside',
      'overlays/evil-file/leak.yaml': '../../../outside/leak.yaml',
      'overlays/linked/link': '../../base',
      'flux/root': '/',
      'flux/neighbour': '../../outside',
    };
    return { files, links };
  });
});

afterAll(async () => {
  await attack.close();
});

describe('the boundary from a working directory above the repository', () => {
  it('is the overlay’s git work tree, not the working directory', () => {
    expect(repositoryBoundary(attack.parent, join(attack.repo, 'overlays', 'evil'))).toBe(attack.repo);
    expect(repositoryBoundary(attack.repo, join(attack.repo, 'overlays', 'evil'))).toBe(attack.repo);
    // Narrowed to a working directory inside the work tree that holds the overlay.
    expect(repositoryBoundary(join(attack.repo, 'overlays'), join(attack.repo, 'overlays', 'evil'))).toBe(join(attack.repo, 'overlays'));
    // Outside any work tree: the working directory when it holds the path.
    mkdirSync(join(attack.parent, 'plain'), { recursive: true });
    expect(repositoryBoundary(attack.parent, join(attack.parent, 'plain'))).toBe(attack.parent);
  });

  for (const overlay of ['evil', 'evil-file']) {
    it(`${overlay}: a link to the directory next to the repository is refused, and nothing from there appears`, async () => {
      const result = await renderKustomization(join('repo', 'overlays', overlay), { root: attack.parent, binary });
      expect(result.failed).toBe(true);
      expect(result.resources).toEqual([]);
      expect(result.findings).toEqual([expect.objectContaining({ rule: 'input', severity: 'error', message: expect.stringMatching(/resolves outside the repository/) })]);
      expect(JSON.stringify(result)).not.toContain(attack.marker);
    });
  }

  it('validate repo/overlays/evil from the directory above: an input error, exit 1, nothing from outside', async () => {
    const result = await runValidate(['--format', 'json', '--ignore-missing-schemas', 'repo/overlays/evil', 'repo/flux'], { cwd: attack.parent });
    expect(result.stdout + result.stderr).not.toContain(attack.marker);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; source: string }> };
    // Named relative to the repository the paths are in, not to the working directory.
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'input', severity: 'error', source: 'overlays/evil' }));
  });

  it('plain manifests: a link to a neighbour or to / is one finding each and is not entered', async () => {
    const loaded = await loadSource({ kind: 'manifests', name: 'repo/flux', path: join(attack.repo, 'flux') }, { root: attack.parent });
    expect(JSON.stringify(loaded)).not.toContain(attack.marker);
    expect(loaded.resources.map((resource) => resource.object.metadata?.name)).toEqual(['flux-ok']);
    const outside = loaded.findings.filter((finding) => finding.rule === 'input' && /directory outside the repository/.test(finding.message));
    expect(outside.map((finding) => finding.file).sort()).toEqual(['repo/flux/neighbour', 'repo/flux/root']);
    expect(loaded.findings).toHaveLength(2);
  });
});

describe('aliases in every YAML file kustomize reads', () => {
  for (const overlay of Object.keys(BOMBS)) {
    it(`${overlay}: refused before kustomize runs, at the kustomization line that names it`, async () => {
      const result = await renderKustomization(join(attack.repo, 'overlays', overlay), { root: attack.repo, binary });
      expect(result.failed).toBe(true);
      expect(result.findings).toEqual([
        expect.objectContaining({ rule: 'input', file: `overlays/${overlay}/kustomization.yaml`, line: expect.any(Number), message: expect.stringMatching(/more than 32 YAML aliases; .*not rendered/) }),
      ]);
    });
  }

  it('a generator file is data kustomize copies verbatim: its anchors are not counted', async () => {
    const result = await renderKustomization(join(attack.repo, 'overlays', 'generator-anchors'), { root: attack.repo, binary });
    expect(result.findings).toEqual([]);
    const generated = result.resources.find((resource) => resource.object.metadata?.name?.startsWith('anchored'));
    expect(JSON.stringify(generated?.object)).toContain('k39: *d');
  });
});

describe('an in-repository symlinked base', () => {
  it('keeps its file and line, with no forged-origin warning', async () => {
    const result = await renderKustomization(join(attack.repo, 'overlays', 'linked'), { root: attack.repo, binary });
    expect(result.failed).toBe(false);
    expect(result.findings).toEqual([]);
    const resource = result.resources.find((candidate) => candidate.object.metadata?.name === 'ok')!;
    expect(resource.file).toMatch(/configmap\.yaml$/);
    expect(resource.line).toBe(1);
  });
});

describe('the default kustomize lookup', () => {
  it('forgets a failure: a later render in the same worker looks again', async () => {
    // A module instance of its own, so the lookup other test files cached is not the one tested.
    const specifier = '../../scripts/lib/render/render.ts?lookup-retry';
    const fresh = (await import(specifier)) as typeof import('../../scripts/lib/render/render.ts');
    const overlay = join(attack.repo, 'overlays', 'linked');
    const saved = process.env.KUSTOMIZE;
    process.env.KUSTOMIZE = join(attack.parent, 'no-such-kustomize');
    try {
      await expect(fresh.renderKustomization(overlay, { root: attack.repo })).rejects.toThrow(/cannot be run/);
    } finally {
      if (saved === undefined) delete process.env.KUSTOMIZE;
      else process.env.KUSTOMIZE = saved;
    }
    const again = await fresh.renderKustomization(overlay, { root: attack.repo });
    expect(again.failed).toBe(false);
    expect(again.resources.map((resource) => resource.object.metadata?.name)).toEqual(['ok']);
  });
});
