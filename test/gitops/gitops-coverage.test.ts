import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { gitopsCoverage } from '../../scripts/rules/gitops/gitops-coverage.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf, withOptions } from './repository.ts';

let valid: RepositoryContext;
let coverage: RepositoryContext;
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
  coverage = withGitOpsOf(valid, join(FIXTURES, 'coverage'));
});

describe('gitops-coverage', () => {
  it('accepts a repository whose every overlay both Flux and Argo CD reconcile', () => {
    expect(gitopsCoverage.check(valid)).toEqual([]);
  });

  it('reports an overlay Flux does not reconcile, on its kustomization file, as a warning', () => {
    const missing = gitopsCoverage.check(coverage).filter((v) => v.resource.object.kind === 'Kustomization');
    expect(missing).toHaveLength(1);
    expect(missing[0]!.resource.file).toBe('overlays/dev/kustomization.yaml');
    expect(missing[0]!.resource.source).toBe('overlays/dev');
    expect(missing[0]!.message).toBe('overlays/dev is reconciled by no Flux Kustomization: it is never deployed that way');
    expect(missing[0]!.severity ?? gitopsCoverage.severity).toBe('warning');
  });

  it('reports, as an error, an Application that deploys a base an overlay of the same cluster already includes, but not one that deploys the GitOps manifests', () => {
    const pointers = gitopsCoverage.check(coverage).filter((v) => v.resource.object.kind === 'Application');
    expect(summary(pointers)).toEqual(['Application shop-base /spec/source/path']);
    expect(pointers[0]!.severity).toBe('error');
    expect(pointers[0]!.message).toMatch(/^Application argocd\/shop-base deploys base, which overlays\/prod \(deployed by Application argocd\/shop in the same cluster, argocd\) includes without renaming it/);
  });

  it('requires only the tools listed in options.require', () => {
    const fluxOnly = withOptions(coverage, { 'gitops-coverage': { require: ['argocd'] } });
    expect(gitopsCoverage.check(fluxOnly).filter((v) => v.resource.object.kind === 'Kustomization')).toEqual([]);
  });

  it('asks for no coverage when the run did not include the GitOps manifests', () => {
    const overlaysOnly = { ...valid, sources: valid.sources.filter((s) => s.source.kind === 'kustomization') };
    expect(gitopsCoverage.check(overlaysOnly)).toEqual([]);
  });
});
