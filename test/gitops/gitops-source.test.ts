import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { gitopsSource } from '../../scripts/rules/gitops/gitops-source.ts';
import { canonicalRepository } from '../../scripts/rules/gitops/lib/repository-url.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf, withOptions } from './repository.ts';

let valid: RepositoryContext;
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
});

describe('gitops-source', () => {
  it('accepts one repository written as https with and without .git, and branch-pinned revisions', () => {
    expect(gitopsSource.check(valid)).toEqual([]);
  });

  it('accepts the configured repository in another spelling', () => {
    expect(gitopsSource.check(withOptions(valid, { 'gitops-source': { repository: 'ssh://git@example.com/acme/shop.git' } }))).toEqual([]);
  });

  it('reports every URL that is not the configured repository', () => {
    const violations = gitopsSource.check(withOptions(valid, { 'gitops-source': { repository: 'https://example.com/acme/other' } }));
    expect(summary(violations)).toEqual([
      'GitRepository shop /spec/url',
      'Application shop /spec/source/repoURL',
      'Application shop-canary /spec/source/repoURL',
      'Application shop-dev /spec/source/repoURL',
    ]);
  });

  it('reports a sourceRef to a GitRepository that is not defined, a repoURL that disagrees with the rest, and HEAD in production only', () => {
    const violations = gitopsSource.check(withGitOpsOf(valid, join(FIXTURES, 'wrong-source')));
    expect(summary(violations)).toEqual([
      'Kustomization shop-dev /spec/sourceRef/name',
      'Application shop-canary /spec/source/repoURL',
      'Application shop /spec/source/targetRevision',
    ]);
    expect(violations[0]!.message).toContain('GitRepository flux-system/shop-mirror');
    expect(violations[1]!.message).toContain('someone-else/fork');
    expect(violations[2]!.message).toMatch(/production must follow a branch or a tag/);
  });

  it('treats the namespaces listed in options.production as production', () => {
    const context = withOptions(withGitOpsOf(valid, join(FIXTURES, 'wrong-source')), { 'gitops-source': { production: ['shop-dev'] } });
    expect(summary(gitopsSource.check(context)).filter((line) => line.endsWith('/targetRevision'))).toEqual(['Application shop-dev /spec/source/targetRevision']);
  });
});

describe('canonicalRepository', () => {
  it('reads https, ssh and scp-like URLs of one repository as the same', () => {
    const forms = ['https://github.com/Org/repo', 'https://github.com/Org/repo.git/', 'ssh://git@github.com/Org/repo.git', 'git@github.com:Org/repo.git', 'https://GitHub.com:443/Org/repo'];
    expect(new Set(forms.map(canonicalRepository))).toEqual(new Set(['github.com/Org/repo']));
  });
});
