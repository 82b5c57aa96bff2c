import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { gitopsPath } from '../../scripts/rules/gitops/gitops-path.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf } from './repository.ts';

let valid: RepositoryContext;
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
});

describe('gitops-path', () => {
  it('accepts Flux paths with or without ./ and a trailing slash, and Argo CD paths, that are rendered overlays', () => {
    expect(gitopsPath.check(valid)).toEqual([]);
  });

  it('reports a Flux path to a directory that does not exist, at spec.path', () => {
    const violations = gitopsPath.check(withGitOpsOf(valid, join(FIXTURES, 'broken-path')));
    expect(summary(violations)).toContain('Kustomization typo /spec/path');
    const typo = violations.find((v) => v.resource.object.metadata?.name === 'typo');
    expect(typo?.message).toContain('overlays/prdo');
    expect(typo?.resource.file).toBe('flux/kustomizations.yaml');
    expect(typo?.resource.locate(typo.path)?.line).toBeGreaterThan(1);
  });

  it('reports an Argo CD source path that leaves the repository', () => {
    const violations = gitopsPath.check(withGitOpsOf(valid, join(FIXTURES, 'broken-path')));
    expect(summary(violations)).toContain('Application outside /spec/source/path');
    expect(violations.find((v) => v.resource.object.kind === 'Application')?.message).toMatch(/leaves the repository/);
  });

  it('reports a path to an overlay that does not render', async () => {
    const context = await loadRepository(join(FIXTURES, 'unrenderable'));
    const violations = gitopsPath.check(context);
    expect(summary(violations)).toEqual(['Kustomization broken /spec/path']);
    expect(violations[0]!.message).toContain('points at overlays/broken, which does not render');
  });

  it('reports an ApplicationSet directory pattern that matches nothing, and accepts one that matches overlays', () => {
    const violations = gitopsPath.check(withGitOpsOf(valid, join(FIXTURES, 'applicationset')));
    expect(summary(violations)).toEqual(['ApplicationSet shop /spec/generators/0/git/directories/2/path']);
    expect(violations[0]!.message).toContain('environments/*');
  });
});
