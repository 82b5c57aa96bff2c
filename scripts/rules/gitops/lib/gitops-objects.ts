// Finds the GitOps objects (Flux and Argo CD) among every checked source, by API group and kind.
import type { Resource } from '../../../lib/model.ts';
import type { CheckedSource, RepositoryContext } from '../../rule.ts';

export type Tool = 'flux' | 'argocd';

export const FLUX_KUSTOMIZE_GROUP = 'kustomize.toolkit.fluxcd.io';
export const FLUX_SOURCE_GROUP = 'source.toolkit.fluxcd.io';
export const FLUX_SOURCE_EXTENSIONS_GROUP = 'source.extensions.fluxcd.io';
export const FLUX_HELM_GROUP = 'helm.toolkit.fluxcd.io';
export const ARGO_GROUP = 'argoproj.io';

export function groupOf(resource: Resource): string {
  const apiVersion = String(resource.object.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

function is(group: string, kind: string): (resource: Resource) => boolean {
  return (resource) => resource.object.kind === kind && groupOf(resource) === group;
}

// Kustomize's own `kind: Kustomization` config is never a resource, but the group check keeps the two apart anyway.
export const isFluxKustomization = is(FLUX_KUSTOMIZE_GROUP, 'Kustomization');
export const isGitRepository = is(FLUX_SOURCE_GROUP, 'GitRepository');
export const isHelmRelease = is(FLUX_HELM_GROUP, 'HelmRelease');
export const isArtifactGenerator = is(FLUX_SOURCE_EXTENSIONS_GROUP, 'ArtifactGenerator');
export const isFluxSource = (resource: Resource) => groupOf(resource) === FLUX_SOURCE_GROUP;
export const isApplication = is(ARGO_GROUP, 'Application');
export const isAppProject = is(ARGO_GROUP, 'AppProject');
export const isApplicationSet = is(ARGO_GROUP, 'ApplicationSet');

export function allResources(context: RepositoryContext): Resource[] {
  return context.sources.flatMap((checked) => checked.resources);
}

export function resourcesWhere(context: RepositoryContext, predicate: (resource: Resource) => boolean): Resource[] {
  return allResources(context).filter(predicate);
}

/**
 * Each object once, although a run may hold it twice (one file in two rendered sources, a base shared by two
 * overlays): the first occurrence stands for it, so a finding about it is reported once.
 */
export function uniqueObjects(sources: readonly CheckedSource[], predicate: (resource: Resource) => boolean): Resource[] {
  const seen = new Set<string>();
  const unique: Resource[] = [];
  for (const resource of sources.flatMap((checked) => checked.resources)) {
    if (!predicate(resource)) continue;
    const key = [resource.file, resource.line ?? '', resource.object.kind, resource.object.metadata?.namespace ?? '', resource.object.metadata?.name ?? ''].join('\u0000');
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(resource);
  }
  return unique;
}

/** A Flux object's namespace; Flux resolves references without a namespace in the referrer's own. */
export function fluxNamespace(resource: Resource): string {
  const namespace = resource.object.metadata?.namespace;
  return typeof namespace === 'string' && namespace !== '' ? namespace : 'default';
}

export function fluxKey(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}
