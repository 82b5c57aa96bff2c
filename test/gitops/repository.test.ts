// The repository's own flux/ and argocd/ against its own overlays: every GitOps rule passes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../scripts/lib/model.ts';
import { gitopsRules } from '../../scripts/rules/gitops/index.ts';
import { gitopsOf } from '../../scripts/rules/gitops/lib/repository-model.ts';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { loadRepository, REPOSITORY_ROOT, withOptions } from './repository.ts';

const REPOSITORY_URL = 'https://github.com/example-org/openclaw-gitops';

let repository: RepositoryContext;
beforeAll(async () => {
  repository = await loadRepository(REPOSITORY_ROOT, { options: { 'gitops-source': { repository: REPOSITORY_URL } } });
});

/**
 * Every GitOps rule's violations. The context's GitOps graph is built once, from its sources after the
 * test's edit, and handed to every rule, as the engine does (repository-engine.ts): without it each rule
 * would build the same graph again.
 */
function findings(context: RepositoryContext): string[] {
  const withGraph = { ...context, gitops: gitopsOf(context) };
  return gitopsRules.flatMap((rule) => rule.check(withGraph).map((v) => `${rule.id}: ${v.resource.file} ${v.path} ${v.message}`));
}

function withObject(context: RepositoryContext, name: string, change: (spec: Record<string, unknown>) => Record<string, unknown>): RepositoryContext {
  const edit = (resource: Resource): Resource =>
    resource.object.metadata?.name === name && resource.object.kind === 'Kustomization'
      ? { ...resource, object: { ...resource.object, spec: change(resource.object.spec as Record<string, unknown>) } }
      : resource;
  return { ...context, sources: context.sources.map((checked) => ({ ...checked, resources: checked.resources.map(edit) })) };
}

describe("the repository's GitOps manifests", () => {
  it('checks every overlay and both GitOps directories, all loaded without problems', () => {
    expect(repository.sources.map((s) => s.source.name)).toEqual(['overlays/canary', 'overlays/dev', 'overlays/prod', 'flux', 'argocd']);
    expect(repository.sources.flatMap((s) => s.loadFindings)).toEqual([]);
  });

  it('pass every GitOps rule, with the repository URL configured', () => {
    expect(findings(repository)).toEqual([]);
  });

  it('pass every GitOps rule without it too (the URLs agree with each other)', () => {
    expect(findings(withOptions(repository, {}))).toEqual([]);
  });

  it('fail once the canary no longer waits for prod, which creates its namespace', () => {
    const canaryAlone = withObject(repository, 'openclaw-canary', ({ dependsOn: _dropped, ...spec }) => spec);
    expect(findings(canaryAlone)).toEqual([expect.stringMatching(/^flux-wiring: flux\/clusters\/production\/openclaw-canary\.yaml \/spec\/targetNamespace /)]);
  });

  it('fail once a Flux Kustomization deploys prod into the wrong namespace', () => {
    const misplaced = withObject(repository, 'openclaw', (spec) => ({ ...spec, targetNamespace: 'openclaw-dev' }));
    expect(findings(misplaced)).toContain(
      'gitops-namespace: flux/clusters/production/openclaw.yaml /spec/targetNamespace Kustomization flux-system/openclaw deploys overlays/prod into namespace openclaw-dev, but overlays/prod renders into namespace openclaw',
    );
  });
});
