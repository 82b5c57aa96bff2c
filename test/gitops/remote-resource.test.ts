import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { remoteResource } from '../../scripts/rules/gitops/remote-resource.ts';
import { isPinnedRef, remotePin } from '../../scripts/rules/gitops/lib/remote-refs.ts';
import { FIXTURES, loadRepository } from './repository.ts';

let remote: RepositoryContext;
beforeAll(async () => {
  // Not rendered: kustomize would try to fetch the remotes. The rule reads the kustomization files only.
  remote = await loadRepository(join(FIXTURES, 'remote-refs'), { render: false });
});

describe('remote-resource', () => {
  it('accepts overlays whose resources are all local', async () => {
    expect(remoteResource.check(await loadRepository(join(FIXTURES, 'valid'), { render: false }))).toEqual([]);
  });

  it('reports branch-pinned, HEAD-pinned and unpinned remotes in the overlay and in the base and component it includes, with file and line', () => {
    const found = remoteResource.check(remote).map((v) => `${v.resource.file}:${v.resource.locate(v.path)?.line} ${v.path}`);
    expect(found.sort()).toEqual([
      'base/kustomization.yaml:2 /resources/0',
      'components/extra/kustomization.yaml:5 /resources/1',
      'overlays/app/kustomization.yaml:5 /resources/1',
    ]);
  });

  it('says why a remote is not pinned', () => {
    const messageFor = (file: string) => remoteResource.check(remote).find((v) => v.resource.file === file)?.message;
    expect(messageFor('overlays/app/kustomization.yaml')).toContain('ref=main is a branch');
    expect(messageFor('base/kustomization.yaml')).toContain('names no commit or tag');
    expect(messageFor('components/extra/kustomization.yaml')).toContain('ref=HEAD');
  });

  it('reports a kustomization shared by several overlays once', async () => {
    const twice = { ...remote, sources: [...remote.sources, { ...remote.sources[0]!, source: { ...remote.sources[0]!.source, name: 'again' } }] };
    expect(remoteResource.check(twice)).toHaveLength(3);
  });
});

/** Why a remote is not pinned ('' when it is). */
function reasonOf(entry: string): string {
  const pin = remotePin(entry);
  return pin.pinned ? '' : pin.reason;
}

describe('pinned refs', () => {
  it('takes commit SHAs and release tags as pinned, branches as not', () => {
    expect(['0123456789abcdef0123456789abcdef01234567', 'v1.2.3', '1.2', 'v5.4.0-rc.1', 'kustomize/v5.4.0'].filter(isPinnedRef)).toHaveLength(5);
    expect(['main', 'master', 'HEAD', 'release-1.2', '0123456'].filter(isPinnedRef)).toEqual([]);
  });

  it('reads the revision of a raw file URL from its path', () => {
    expect(remotePin('https://raw.githubusercontent.com/acme/x/v1.0.0/crd.yaml').pinned).toBe(true);
    expect(remotePin('https://raw.githubusercontent.com/acme/x/0123456789abcdef0123456789abcdef01234567/crd.yaml').pinned).toBe(true);
    expect(remotePin('https://raw.githubusercontent.com/acme/x/main/crd.yaml').pinned).toBe(false);
  });

  it('reads the ref only where the URL layout puts it, not from any segment that looks like a version', () => {
    expect(reasonOf('https://raw.githubusercontent.com/org/repo/main/deploy/v1.2/all.yaml')).toContain('the ref "main" in its path is a branch or unknown ref');
    expect(reasonOf('https://example.com/deploy/v1.2/all.yaml')).toContain('names no commit or tag');
    expect(reasonOf('https://github.com/org/repo/releases/latest/download/install.yaml')).toContain('names no commit or tag');
    expect(remotePin('https://github.com/org/repo/releases/download/v2.0.0/install.yaml').pinned).toBe(true);
    expect(reasonOf('https://github.com/org/repo/releases/download/nightly/install.yaml')).toContain('the ref "nightly" in its path is a branch or unknown ref');
  });

  it('tells a short commit hash from a branch', () => {
    expect(reasonOf('github.com/org/repo//deploy?ref=abc1234')).toContain('ref=abc1234 is a short commit hash (use the full 40-character hash)');
    expect(reasonOf('https://raw.githubusercontent.com/org/repo/abc1234/all.yaml')).toContain('is a short commit hash (use the full 40-character hash)');
    expect(reasonOf('github.com/org/repo//deploy?ref=release-1.2')).toContain('ref=release-1.2 is a branch or unknown ref');
  });
});
