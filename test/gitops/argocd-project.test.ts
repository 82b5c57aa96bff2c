import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { argocdProject } from '../../scripts/rules/gitops/argocd-project.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf } from './repository.ts';

let valid: RepositoryContext;
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
});

describe('argocd-project', () => {
  it('accepts a project restricted to one repository and named namespaces, and Applications in it', () => {
    expect(argocdProject.check(valid)).toEqual([]);
  });

  it('reports * source repositories and destinations, and an Application in the default project', () => {
    const violations = argocdProject.check(withGitOpsOf(valid, join(FIXTURES, 'wildcard-project')));
    expect(summary(violations)).toEqual([
      'AppProject everything /spec/sourceRepos/0',
      'AppProject everything /spec/destinations/0/server',
      'AppProject everything /spec/destinations/0/namespace',
      'Application shop /spec/project',
    ]);
    expect(violations[3]!.message).toContain('default project');
  });

  it('reports an ApplicationSet whose template project is templated', () => {
    const violations = argocdProject.check(withGitOpsOf(valid, join(FIXTURES, 'applicationset')));
    expect(summary(violations)).toEqual(['ApplicationSet shop /spec/template/spec/project']);
    expect(violations[0]!.message).toContain('{{.path.basename}}');
  });
});
