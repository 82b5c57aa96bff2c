import type { Resource } from '../../lib/model.ts';
import { GITOPS_SOURCE_OPTIONS } from './lib/production.ts';
import { pointer } from '../../lib/model.ts';
import { describe, isRecord, listAt, stringAt } from '../cross/lib/values.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { FLUX_SOURCE_GROUP, fluxNamespace, groupOf, isApplication, isApplicationSet, isFluxKustomization, isGitRepository, resourcesWhere } from './lib/gitops-objects.ts';
import { overlaysOf } from './lib/overlays.ts';
import { productionNamespaces } from './lib/production.ts';
import { repositoryPath } from './lib/repository-paths.ts';
import { canonicalRepository, configuredRepository } from './lib/repository-url.ts';

interface UrlField {
  resource: Resource;
  path: string;
  url: string;
}

/** Where each GitOps object names a Git repository (Helm chart repositories are other repositories by design). */
function urlFields(context: RepositoryContext): UrlField[] {
  const fields: UrlField[] = [];
  const add = (resource: Resource, path: string, url: string | undefined) => {
    if (url !== undefined && !url.includes('{{')) fields.push({ resource, path, url });
  };
  for (const repository of resourcesWhere(context, isGitRepository)) add(repository, '/spec/url', stringAt(repository.object.spec, 'url'));
  for (const application of resourcesWhere(context, isApplication)) {
    for (const { source, at } of applicationSources(application.object.spec)) {
      if (stringAt(source, 'chart') === undefined) add(application, `${at}/repoURL`, stringAt(source, 'repoURL'));
    }
  }
  for (const set of resourcesWhere(context, isApplicationSet)) {
    listAt(set.object.spec, 'generators').forEach((generator, g) =>
      add(set, pointer('spec', 'generators', g, 'git', 'repoURL'), stringAt(generator, 'git', 'repoURL')),
    );
    for (const { source, at } of applicationSources(isRecord(set.object.spec) ? set.object.spec.template : undefined, '/spec/template')) {
      if (stringAt(source, 'chart') === undefined) add(set, `${at}/repoURL`, stringAt(source, 'repoURL'));
    }
  }
  return fields;
}

function applicationSources(applicationTemplate: unknown, prefix = ''): Array<{ source: unknown; at: string }> {
  const spec = prefix === '' ? applicationTemplate : isRecord(applicationTemplate) ? applicationTemplate.spec : undefined;
  const sources: Array<{ source: unknown; at: string }> = [];
  if (isRecord(spec) && isRecord(spec.source)) sources.push({ source: spec.source, at: `${prefix}/spec/source` });
  listAt(spec, 'sources').forEach((source, index) => sources.push({ source, at: `${prefix}${pointer('spec', 'sources', index)}` }));
  return sources;
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

function repositoryViolations(context: RepositoryContext): Violation[] {
  const fields = urlFields(context);
  const configured = configuredRepository(context.settings);
  const expected = configured ?? mostCommon(fields.map((field) => canonicalRepository(field.url)));
  if (expected === undefined) return [];
  const canonicalExpected = canonicalRepository(expected);
  return fields
    .filter((field) => canonicalRepository(field.url) !== canonicalExpected)
    .map((field) => ({
      resource: field.resource,
      path: field.path,
      message: configured
        ? `${describe(field.resource)} reconciles from ${field.url}, not from this repository (${configured})`
        : `${describe(field.resource)} reconciles from ${field.url}, while the other GitOps objects use ${canonicalExpected}: one of them is not this repository`,
    }));
}

function sourceRefViolations(context: RepositoryContext): Violation[] {
  const sources = resourcesWhere(context, (resource) => groupOf(resource) === FLUX_SOURCE_GROUP);
  const violations: Violation[] = [];
  for (const kustomization of resourcesWhere(context, isFluxKustomization)) {
    const kind = stringAt(kustomization.object.spec, 'sourceRef', 'kind') ?? 'GitRepository';
    const name = stringAt(kustomization.object.spec, 'sourceRef', 'name');
    const namespace = stringAt(kustomization.object.spec, 'sourceRef', 'namespace') ?? fluxNamespace(kustomization);
    const found = sources.some((s) => s.object.kind === kind && s.object.metadata?.name === name && fluxNamespace(s) === namespace);
    if (found) continue;
    violations.push({
      resource: kustomization,
      path: name === undefined ? '/spec/sourceRef' : '/spec/sourceRef/name',
      message: `${describe(kustomization)} reconciles from ${kind} ${namespace}/${name ?? '(no name)'}, which is not defined in the GitOps manifests: it never becomes ready`,
    });
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
  for (const application of resourcesWhere(context, isApplication)) {
    const namespace = stringAt(application.object.spec, 'destination', 'namespace');
    for (const { source, at } of applicationSources(application.object.spec)) {
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
  const repositories = resourcesWhere(context, isGitRepository);
  const reported = new Set<Resource>();
  for (const kustomization of resourcesWhere(context, isFluxKustomization)) {
    const spec = kustomization.object.spec;
    if (!deploysProduction(stringAt(spec, 'targetNamespace'), stringAt(spec, 'path') ?? '')) continue;
    const name = stringAt(spec, 'sourceRef', 'name');
    const namespace = stringAt(spec, 'sourceRef', 'namespace') ?? fluxNamespace(kustomization);
    const repository = repositories.find((r) => r.object.metadata?.name === name && fluxNamespace(r) === namespace);
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
    "Flux sourceRefs name a source defined in the GitOps manifests; Flux GitRepository url and Argo CD repoURL are this repository (the `repository` setting, else they agree with each other); production (options.production namespaces, else the prod overlay's) follows a branch or tag, never HEAD.",
  fix: 'Define the referenced GitRepository, use the one repository URL everywhere, and set targetRevision / ref.branch to a branch or tag such as main.',
  kinds: ['Kustomization', 'GitRepository', 'Application', 'ApplicationSet'],
  equivalents: {},
  options: GITOPS_SOURCE_OPTIONS,
  check(context) {
    return [...sourceRefViolations(context), ...repositoryViolations(context), ...revisionViolations(context)];
  },
};
