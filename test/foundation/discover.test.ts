// What `validate` checks when given no paths: the overlays, Flux's per-cluster directories and the GitOps
// manifests of the repository, and an error, not a pass, when there is none of them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'discover-'));
  made.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n';

describe('discoverRepository', () => {
  it('takes each cluster directory of a Flux layout, rendered when it has a kustomization, else read as manifests', () => {
    const root = repository({
      'clusters/production/flux-system/gotk-sync.yaml': 'kind: GitRepository\n',
      'clusters/production/apps.yaml': 'kind: Kustomization\n',
      'clusters/staging/kustomization.yaml': KUSTOMIZATION,
      'clusters/README.md': 'not a cluster\n',
      'apps/base/kustomization.yaml': KUSTOMIZATION,
    });
    const { sources, findings } = discoverRepository(root);
    expect(sources.map(({ kind, name }) => ({ kind, name }))).toEqual([
      { kind: 'manifests', name: 'clusters/production' },
      { kind: 'kustomization', name: 'clusters/staging' },
    ]);
    expect(findings).toEqual([]);
  });

  it('keeps the overlays/ layout: only directories with a kustomization, then flux/ and argocd/', () => {
    const root = repository({
      'overlays/prod/kustomization.yaml': KUSTOMIZATION,
      'overlays/notes/README.md': 'no kustomization\n',
      'flux/sync.yaml': 'kind: Kustomization\n',
    });
    expect(discoverRepository(root).sources.map((source) => source.name)).toEqual(['overlays/prod', 'flux']);
  });

  it('reports an input error when there is nothing to check, so an empty run cannot pass', () => {
    const root = repository({ 'README.md': 'nothing here\n' });
    const { sources, findings } = discoverRepository(root);
    expect(sources).toEqual([]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ rule: 'input', severity: 'error' });
    expect(findings[0]!.message).toContain('none of overlays/*, clusters/*, flux/, argocd/ exists');
  });
});
