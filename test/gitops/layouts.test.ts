// The canonical layouts of Flux and Argo CD repositories (fixtures written here in the shape of
// fluxcd/flux2-kustomize-helm-example, fluxcd/flux2-multi-tenancy and argoproj/argocd-example-apps): validated
// from their own root they get no GitOps finding, and each rule still catches a real mistake in a variant.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Resource } from '../../scripts/lib/model.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { JsonFinding } from '../../scripts/lib/report/json.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { discoverPaths } from '../../scripts/lib/sources/discover.ts';
import { defaultRuleConfig } from '../../scripts/rules/config.ts';
import { gitopsRules } from '../../scripts/rules/gitops/index.ts';
import { evaluateRepositoryRules, repositoryContext } from '../../scripts/rules/repository-engine.ts';
import type { CheckedSource } from '../../scripts/rules/rule.ts';
import { settingsForOptions } from '../../scripts/rules/config.ts';
import { runValidate } from '../helpers/cli.ts';
import { sharedRenders } from '../helpers/overlay-renders.ts';
import { readManifests } from './repository.ts';

const LAYOUTS = fileURLToPath(new URL('../fixtures/gitops-layouts', import.meta.url));
const GITOPS_RULES = new Set(gitopsRules.map((rule) => rule.id));

/** Each layout and the paths a team would hand the validator, from the repository's root. */
const LAYOUT_PATHS: Record<string, string[]> = {
  'flux-kustomize-helm': ['clusters/staging', 'clusters/production', 'infrastructure/controllers', 'infrastructure/configs', 'apps/base/podinfo', 'apps/staging', 'apps/production'],
  'flux-multi-tenancy': ['clusters/staging', 'infrastructure', 'tenants/base/dev-team', 'tenants/staging'],
  'argocd-app-of-apps': ['bootstrap', 'projects', 'apps', 'guestbook', 'kustomize-guestbook', 'envs/dev', 'envs/prod'],
};

describe('validate from the root of a canonical GitOps layout', () => {
  for (const [layout, paths] of Object.entries(LAYOUT_PATHS)) {
    it(`${layout}: no GitOps finding`, { timeout: 60_000 }, async () => {
      // The layout stands for a repository of its own (it sits inside this one's work tree): --root names it.
      // Every check, since the GitOps rules are beyond the default profile.
      const result = await runValidate(['--format', 'json', '--root', '.', '--profile', 'all', ...paths], { cwd: join(LAYOUTS, layout) });
      const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
      expect(findings.filter((finding) => GITOPS_RULES.has(finding.rule)).map((f) => `${f.rule} ${f.file}:${f.line} ${f.message}`)).toEqual([]);
      // Every path was read: a layout that silently checked nothing would pass the line above.
      expect(findings.filter((finding) => finding.rule === 'input')).toEqual([]);
    });
  }
});

/**
 * The layout's sources as the pipeline loads them: overlays rendered with the real kustomize, the rest parsed.
 * Through the run's render cache, where the validate runs above keep the same renders.
 */
async function load(layout: string): Promise<{ root: string; sources: CheckedSource[] }> {
  const root = join(LAYOUTS, layout);
  const sources = await Promise.all(
    discoverPaths(LAYOUT_PATHS[layout]!, root).sources.map(async (source): Promise<CheckedSource> => {
      if (source.kind === 'kustomization') {
        const rendered = await renderKustomization(source.path, { root, source: source.name, renders: sharedRenders() });
        return { source, resources: rendered.resources, loadFindings: rendered.findings };
      }
      return readManifests(root, source.path, source.name);
    }),
  );
  return { root, sources };
}

/** The sources with one GitOps manifest's text changed, as if the pull request had changed that file. */
function withFile(root: string, sources: readonly CheckedSource[], file: string, from: string, to: string): CheckedSource[] {
  const text = readFileSync(join(root, file), 'utf8');
  expect(text).toContain(from);
  return sources.map((checked) => {
    if (!checked.resources.some((resource) => resource.file === file)) return checked;
    const parsed = parseResources(text.replace(from, to), { source: checked.source.name, file });
    return { ...checked, resources: [...checked.resources.filter((resource) => resource.file !== file), ...parsed.resources] };
  });
}

/** The sources with every rendered copy of one object changed. */
function withObject(sources: readonly CheckedSource[], name: string, change: (object: Resource['object']) => Resource['object']): CheckedSource[] {
  const edit = (resource: Resource): Resource => (resource.object.metadata?.name === name ? { ...resource, object: change(resource.object) } : resource);
  return sources.map((checked) => ({ ...checked, resources: checked.resources.map(edit) }));
}

const gitopsFindings = (root: string, sources: readonly CheckedSource[]): Finding[] =>
  evaluateRepositoryRules(sources, { root, config: defaultRuleConfig }).filter((finding) => GITOPS_RULES.has(finding.rule));

const brief = (findings: readonly Finding[]) => findings.map((f) => `${f.rule} ${f.file} ${f.path}`);

describe('Flux, two clusters (flux2-kustomize-helm-example shape)', () => {
  let root: string;
  let sources: CheckedSource[];
  beforeAll(async () => ({ root, sources } = await load('flux-kustomize-helm')), 60_000);

  it('infers one cluster per bootstrap directory, each with what it deploys', () => {
    const graph = repositoryContext(sources, { root, settings: settingsForOptions({}) }).gitops!;
    const clusters = graph.clusters.map((cluster) => [cluster.name, [...cluster.deployed].sort()]);
    expect(clusters).toEqual([
      ['clusters/staging', ['apps/staging', 'clusters/staging', 'infrastructure/configs', 'infrastructure/controllers']],
      ['clusters/production', ['apps/production', 'clusters/production', 'infrastructure/configs', 'infrastructure/controllers']],
    ]);
    expect([...graph.tools]).toEqual(['flux']);
  });

  it('the unchanged layout passes every GitOps rule', () => {
    expect(brief(gitopsFindings(root, sources))).toEqual([]);
  });

  it('catches a Kustomization path that does not exist', () => {
    const typo = withFile(root, sources, 'clusters/staging/apps.yaml', 'path: ./apps/staging', 'path: ./apps/stagin');
    // apps/staging is then deployed by nothing, which coverage says too.
    expect(brief(gitopsFindings(root, typo))).toEqual(['gitops-path clusters/staging/apps.yaml /spec/path', 'gitops-coverage apps/staging/kustomization.yaml ']);
  });

  it('substitutes postBuild values: a wrong value is a missing directory', () => {
    const wrong = withFile(root, sources, 'clusters/production/flux-system/gotk-sync.yaml', 'cluster_env: production', 'cluster_env: prodution');
    const found = gitopsFindings(root, wrong);
    expect(brief(found)).toEqual(['gitops-path clusters/production/apps.yaml /spec/path', 'gitops-coverage apps/production/kustomization.yaml ']);
    expect(found[0]!.message).toContain('(looked for apps/prodution/)');
  });

  it('catches a dependsOn that names nothing', () => {
    const typo = withFile(root, sources, 'clusters/staging/apps.yaml', '- name: infra-configs', '- name: infra-config');
    expect(brief(gitopsFindings(root, typo))).toEqual(['flux-wiring clusters/staging/apps.yaml /spec/dependsOn/0/name']);
  });

  it('compares the overlays of one cluster: production deployed into staging as well collides with it', () => {
    const extra = '\n---\napiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: apps-production\n  namespace: flux-system\nspec:\n  interval: 10m\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: ./apps/production\n  prune: true\n';
    const twice = withFile(root, sources, 'clusters/staging/apps.yaml', '  timeout: 5m0s\n', `  timeout: 5m0s\n${extra}`);
    const collisions = gitopsFindings(root, twice).filter((finding) => finding.rule === 'overlay-collision');
    expect(collisions.map((f) => f.message)).toContainEqual(expect.stringMatching(/^Namespace podinfo is rendered by both apps\/staging .* and apps\/production/));
  });

  it('catches a HelmRelease whose chart source is not defined, the whole cluster being checked', () => {
    const missing = withObject(sources, 'podinfo', (object) => (object.kind === 'HelmRelease' ? { ...object, spec: { ...(object.spec as object), chartRef: { kind: 'OCIRepository', name: 'podinf' } } } : object));
    const found = gitopsFindings(root, missing);
    expect(brief(found)).toEqual(['gitops-source apps/base/podinfo/release.yaml /spec/chartRef/name']);
    expect(found[0]!.message).toContain('installs its chart from OCIRepository podinfo/podinf, which is not defined');
  });

  it('catches a directory deployed twice in one cluster: a base beside the overlay that includes it', () => {
    const base = withFile(root, sources, 'clusters/staging/apps.yaml', 'path: ./apps/staging', 'path: ./apps/base/podinfo');
    const doubled = withFile(root, base, 'clusters/staging/infrastructure.yaml', 'path: ./infrastructure/configs', 'path: ./apps/staging');
    expect(brief(gitopsFindings(root, doubled)).filter((line) => line.startsWith('gitops-coverage'))).toEqual(['gitops-coverage clusters/staging/apps.yaml /spec/path']);
  });
});

describe('Flux multi-tenancy (flux2-multi-tenancy shape)', () => {
  let root: string;
  let sources: CheckedSource[];
  beforeAll(async () => ({ root, sources } = await load('flux-multi-tenancy')), 60_000);

  it("reads the tenants' repository, the OCI artifact, the ExternalArtifact and the other branch as not this tree", () => {
    const graph = repositoryContext(sources, { root, settings: settingsForOptions({}) }).gitops!;
    const origins = Object.fromEntries(graph.reconcilers.map((r) => [String(r.resource.object.metadata?.name), r.origin.in === 'repository' ? 'here' : r.origin.what]));
    expect(origins).toEqual({
      'flux-system': 'here',
      infrastructure: 'here',
      tenants: 'here',
      policies: 'OCIRepository flux-system/policies, an OCI artifact',
      monitoring: 'ExternalArtifact flux-system/monitoring-manifests, an artifact another controller builds',
      'monitoring-next': 'GitRepository flux-system/platform-next, branch next (this tree is reconciled from main)',
      'dev-team': 'GitRepository apps/dev-team, another repository (https://github.com/example-org/dev-team-apps)',
    });
  });

  it('catches a platform path that does not exist', () => {
    const typo = withFile(root, sources, 'clusters/staging/tenants.yaml', 'path: ./tenants/staging', 'path: ./tenants/stagin');
    expect(brief(gitopsFindings(root, typo))).toEqual([
      'gitops-path clusters/staging/tenants.yaml /spec/path',
      'gitops-coverage tenants/base/dev-team/kustomization.yaml ',
      'gitops-coverage tenants/staging/kustomization.yaml ',
    ]);
  });

  it('catches an ExternalArtifact no ArtifactGenerator makes', () => {
    const typo = withFile(root, sources, 'infrastructure/monitoring.yaml', 'name: monitoring-manifests\n      copy', 'name: monitoring\n      copy');
    expect(brief(gitopsFindings(root, typo))).toEqual(['gitops-source infrastructure/monitoring.yaml /spec/sourceRef/name']);
  });
});

describe('Argo CD app of apps (argocd-example-apps shape)', () => {
  let root: string;
  let sources: CheckedSource[];
  beforeAll(async () => ({ root, sources } = await load('argocd-app-of-apps')), 60_000);

  it('infers one cluster from the root Application, reaching every Application it deploys', () => {
    const graph = repositoryContext(sources, { root, settings: settingsForOptions({}) }).gitops!;
    expect(graph.clusters.map((cluster) => [cluster.name, [...cluster.deployed].sort()])).toEqual([
      ['Application argocd/root', ['apps', 'envs/dev', 'envs/prod', 'guestbook', 'helm-guestbook', 'kustomize-guestbook']],
    ]);
    expect([...graph.tools]).toEqual(['argocd']);
  });

  it('catches an Application path that does not exist', () => {
    const typo = withFile(root, sources, 'apps/guestbook.yaml', 'path: guestbook', 'path: guestbok');
    expect(brief(gitopsFindings(root, typo))).toEqual(['gitops-path apps/guestbook.yaml /spec/source/path']);
  });

  it('catches a generator pattern that matches nothing', () => {
    const typo = withFile(root, sources, 'apps/environments.yaml', 'path: envs/*', 'path: env/*');
    expect(brief(gitopsFindings(root, typo))).toEqual([
      'gitops-path apps/environments.yaml /spec/generators/0/git/directories/0/path',
      'gitops-coverage envs/dev/kustomization.yaml ',
      'gitops-coverage envs/prod/kustomization.yaml ',
    ]);
  });

  it('catches an Application that deploys an overlay into another namespace than it renders', () => {
    const wrong = withFile(root, sources, 'apps/kustomize-guestbook.yaml', 'path: kustomize-guestbook', 'path: envs/prod');
    expect(brief(gitopsFindings(root, wrong))).toEqual(['gitops-namespace apps/kustomize-guestbook.yaml /spec/destination/namespace']);
  });
});
