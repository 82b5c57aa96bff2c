import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { gitopsNamespace } from '../../scripts/rules/gitops/gitops-namespace.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf } from './repository.ts';

let valid: RepositoryContext;
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
});

describe('gitops-namespace', () => {
  it('accepts targetNamespace and destination namespaces equal to what each overlay renders into', () => {
    expect(gitopsNamespace.check(valid)).toEqual([]);
  });

  it('reports a Flux targetNamespace and an Argo CD destination that differ from the overlay namespace', () => {
    const violations = gitopsNamespace.check(withGitOpsOf(valid, join(FIXTURES, 'mismatched-namespace')));
    expect(summary(violations).sort()).toEqual(['Application shop-dev /spec/destination/namespace', 'Kustomization shop /spec/targetNamespace']);
    expect(violations.find((v) => v.resource.object.kind === 'Kustomization')?.message).toBe(
      'Kustomization flux-system/shop deploys overlays/prod into namespace shop-dev, but overlays/prod renders into namespace shop',
    );
  });

  it('checks an ApplicationSet against every directory its generator matches, minus the excluded ones', () => {
    // The template says shop; overlays/dev (shop-dev) would be a mismatch were its exclusion ignored.
    expect(gitopsNamespace.check(withGitOpsOf(valid, join(FIXTURES, 'applicationset')))).toEqual([]);
  });
});
