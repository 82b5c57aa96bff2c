import type { Resource } from '../../lib/model.ts';
import { gitopsOf } from './lib/repository-model.ts';
import { valueAtPointer } from '../../lib/model.ts';
import { GITOPS_SOURCE_OPTIONS } from './lib/production.ts';
import { describe, stringAt } from '../cross/lib/values.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { fluxKey, fluxNamespace, isApplication, isFluxKustomization, isGitRepository, isHelmRelease, uniqueObjects } from './lib/gitops-objects.ts';
import { overlaysOf } from './lib/overlays.ts';
import { productionNamespaces } from './lib/production.ts';
import { repositoryPath } from './lib/repository-paths.ts';
import { canonicalRepository } from './lib/repository-url.ts';
import { clustersHolding } from './graph/build.ts';
import { sourceRefOf } from './graph/flux.ts';
import { distinctReconcilers, distinctViolations } from './graph/model.ts';
import { BOOTSTRAP_NAME, isPlaceholder, isThisUrl } from './graph/repository.ts';
import { sourcesOf } from './graph/argocd.ts';
import { completeClusters } from './lib/checked-dirs.ts';

/** Where a HelmRelease names its chart's source: spec.chart.spec.sourceRef, or spec.chartRef. */
function chartSource(release: Resource): { field: string; ref: ReturnType<typeof sourceRefOf> } | undefined {
  if (stringAt(release.object.spec, 'chartRef', 'name') !== undefined) return { field: '/spec/chartRef', ref: sourceRefOf(release, 'chartRef') };
  const spec = release.object.spec as Record<string, unknown> | undefined;
  const chart = spec?.chart as Record<string, unknown> | undefined;
  if (!chart || stringAt(chart, 'spec', 'sourceRef', 'name') === undefined) return undefined;
  return {
    field: '/spec/chart/spec/sourceRef',
    ref: {
      kind: stringAt(chart, 'spec', 'sourceRef', 'kind') ?? 'HelmRepository',
      namespace: stringAt(chart, 'spec', 'sourceRef', 'namespace') ?? fluxNamespace(release),
      name: stringAt(chart, 'spec', 'sourceRef', 'name'),
    },
  };
}

/**
 * A source must be defined where the object's cluster is: only said when the run holds all of that cluster
 * (every directory it reaches was checked), or the object is a Kustomization of it; `flux bootstrap` defines
 * flux-system/flux-system itself, and an ArtifactGenerator defines the ExternalArtifacts it lists.
 */
function sourceRefViolations(context: RepositoryContext): Violation[] {
  const graph = gitopsOf(context);
  const complete = completeClusters(context);
  const violations: Violation[] = [];
  const check = (resource: Resource, field: string, ref: ReturnType<typeof sourceRefOf>, verb: string, always: boolean) => {
    const { kind, namespace, name } = ref;
    if (name !== undefined && graph.fluxSources.has(fluxKey(kind, namespace, name))) return;
    if (kind === 'GitRepository' && name === BOOTSTRAP_NAME && namespace === BOOTSTRAP_NAME) return;
    if (name !== undefined && isPlaceholder(name)) return;
    if (!always && !clustersHolding(graph, resource).some((cluster) => complete.has(cluster))) return;
    violations.push({
      resource,
      path: name === undefined ? field : `${field}/name`,
      message: `${describe(resource)} ${verb} ${kind} ${namespace}/${name ?? '(no name)'}, which is not defined in the GitOps manifests: it never becomes ready`,
    });
  };
  for (const kustomization of uniqueObjects(context.sources, isFluxKustomization)) check(kustomization, '/spec/sourceRef', sourceRefOf(kustomization), 'reconciles from', true);
  for (const release of uniqueObjects(context.sources, isHelmRelease)) {
    const chart = chartSource(release);
    if (chart) check(release, chart.field, chart.ref, 'installs its chart from', false);
  }
  return violations;
}

/**
 * A reconciler that builds a directory of this tree from a URL other than this repository's is a fork or a
 * typo; one whose path is not in this tree builds another repository (a tenant's, a chart's) by design.
 */
function repositoryViolations(context: RepositoryContext): Violation[] {
  const graph = gitopsOf(context);
  if (graph.repository.urls.size === 0) return [];
  const expected = [...graph.repository.urls][0]!;
  const configured = context.settings.repository;
  const violations: Violation[] = [];
  const report = (resource: Resource, path: string, url: string | undefined) => {
    if (url === undefined || isThisUrl(url, graph.repository.urls)) return;
    violations.push({
      resource,
      path,
      message: configured
        ? `${describe(resource)} reconciles from ${url}, not from this repository (${configured})`
        : `${describe(resource)} reconciles from ${url}, while the other GitOps objects use ${canonicalRepository(expected)}: one of them is not this repository`,
    });
  };
  for (const reconciler of distinctReconcilers(graph)) {
    if (reconciler.origin.in !== 'repository') continue;
    if (reconciler.tool === 'flux') {
      const ref = sourceRefOf(reconciler.resource);
      const source = graph.fluxSources.get(fluxKey(ref.kind, ref.namespace, ref.name ?? ''));
      if (source && isGitRepository(source)) report(source, '/spec/url', stringAt(source.object.spec, 'url'));
      continue;
    }
    const urlPointer = reconciler.pointer.replace(/\/directories\/\d+\/path$/, '/repoURL').replace(/\/path$/, '/repoURL');
    const url = valueAtPointer(reconciler.resource.object, urlPointer);
    report(reconciler.resource, urlPointer, typeof url === 'string' ? url : undefined);
  }
  return violations;
}

const isHead = (revision: string) => /^(HEAD|refs\/heads\/HEAD)$/i.test(revision.trim());

/** Production follows a branch or a tag: HEAD is whatever the remote's default branch is today. */
function revisionViolations(context: RepositoryContext): Violation[] {
  const production = productionNamespaces(context);
  if (production.size === 0) return [];
  const overlays = overlaysOf(context);
  const deploysProduction = (namespace: string | undefined, path: string | undefined) => {
    if (namespace !== undefined && production.has(namespace)) return true;
    const dir = path === undefined ? undefined : repositoryPath(path);
    const overlayNamespace = overlays.find((overlay) => overlay.dir === dir)?.namespace;
    return overlayNamespace !== undefined && production.has(overlayNamespace);
  };
  const violations: Violation[] = [];
  for (const application of uniqueObjects(context.sources, isApplication)) {
    const namespace = stringAt(application.object.spec, 'destination', 'namespace');
    for (const { source, at } of sourcesOf(application.object.spec)) {
      if (!deploysProduction(namespace, stringAt(source, 'path'))) continue;
      const revision = stringAt(source, 'targetRevision');
      if (revision !== undefined && !isHead(revision)) continue;
      violations.push({
        resource: application,
        path: revision === undefined ? at : `${at}/targetRevision`,
        message: `${describe(application)} deploys production from ${revision === undefined ? 'no targetRevision (that is HEAD)' : 'HEAD'}: production must follow a branch or a tag`,
      });
    }
  }
  const reported = new Set<Resource>();
  for (const kustomization of uniqueObjects(context.sources, isFluxKustomization)) {
    const spec = kustomization.object.spec;
    if (!deploysProduction(stringAt(spec, 'targetNamespace'), stringAt(spec, 'path') ?? '')) continue;
    const ref = sourceRefOf(kustomization);
    const repository = gitopsOf(context).fluxSources.get(fluxKey('GitRepository', ref.namespace, ref.name ?? ''));
    if (!repository || reported.has(repository)) continue;
    for (const field of ['branch', 'name'] as const) {
      const value = stringAt(repository.object.spec, 'ref', field);
      if (value === undefined || !isHead(value)) continue;
      reported.add(repository);
      violations.push({
        resource: repository,
        path: `/spec/ref/${field}`,
        message: `${describe(repository)} is the source of production ${describe(kustomization)} and follows HEAD: production must follow a branch or a tag`,
      });
    }
  }
  return violations;
}

export const gitopsSource: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-source',
  severity: 'error',
  description:
    "Flux Kustomization sourceRefs and HelmRelease chart sources name a source the GitOps manifests define (GitRepository, OCIRepository, Bucket, HelmRepository, an ArtifactGenerator's ExternalArtifact; flux bootstrap's flux-system is always there); a Flux GitRepository url or Argo CD repoURL that builds a directory of this tree is this repository (the `repository` setting, else bootstrap's source, else the URL most objects use); production (options.production namespaces, else the prod overlay's) follows a branch or tag, never HEAD.",
  fix: 'Define the referenced source, use the one repository URL for directories of this repository, and set targetRevision / ref.branch to a branch or tag such as main.',
  kinds: ['Kustomization', 'GitRepository', 'OCIRepository', 'Bucket', 'HelmRepository', 'HelmChart', 'ExternalArtifact', 'ArtifactGenerator', 'HelmRelease', 'Application', 'ApplicationSet'],
  equivalents: {},
  options: GITOPS_SOURCE_OPTIONS,
  check(context) {
    return distinctViolations([...sourceRefViolations(context), ...repositoryViolations(context), ...revisionViolations(context)]);
  },
};
