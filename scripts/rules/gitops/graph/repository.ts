// Which Git URL and branch are this repository: the configured `repository`, else Flux bootstrap's own
// source (flux-system/flux-system, written by `flux bootstrap` into gotk-sync.yaml), else the URL most
// GitOps objects name. Objects naming another URL or branch build another tree than this one.
import type { Resource } from '../../../lib/model.ts';
import { isRecord, listAt, stringAt } from '../../cross/lib/values.ts';
import { fluxNamespace, isApplication, isApplicationSet, isGitRepository } from '../lib/gitops-objects.ts';
import { canonicalRepository } from '../lib/repository-url.ts';
import type { RuleSettings } from '../../rule.ts';
import type { ThisRepository } from './model.ts';
import { hasFluxVariable, hasTemplate } from './placeholders.ts';

export const BOOTSTRAP_NAME = 'flux-system';

export const isBootstrapSource = (resource: Resource) =>
  isGitRepository(resource) && resource.object.metadata?.name === BOOTSTRAP_NAME && fluxNamespace(resource) === BOOTSTRAP_NAME;

/** A URL or revision left to the bootstrap or a generator: nothing can be compared. */
export const isPlaceholder = (value: string) => hasFluxVariable(value) || hasTemplate(value);

/** The repository URLs Argo CD sources name (Helm chart repositories are other repositories by design). */
export function argoRepositoryUrls(objects: readonly Resource[]): string[] {
  return objects.flatMap((resource) => {
    if (!isApplication(resource) && !isApplicationSet(resource)) return [];
    const spec = isApplication(resource) ? resource.object.spec : isRecord(resource.object.spec) && isRecord(resource.object.spec.template) ? resource.object.spec.template.spec : undefined;
    const sources = [...(isRecord(spec) && isRecord(spec.source) ? [spec.source] : []), ...listAt(spec, 'sources')];
    return sources.flatMap((source) => (stringAt(source, 'chart') === undefined && stringAt(source, 'path') !== undefined ? (stringAt(source, 'repoURL') ?? []) : []));
  });
}

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = value;
  return best;
}

export function thisRepository(objects: readonly Resource[], settings: RuleSettings): ThisRepository {
  const repositories = objects.filter(isGitRepository);
  const bootstrap = repositories.find(isBootstrapSource);
  const literal = (url: string | undefined): url is string => url !== undefined && !isPlaceholder(url);
  let url: string | undefined = settings.repository;
  if (url === undefined) {
    const bootstrapUrl = stringAt(bootstrap?.object.spec, 'url');
    url = literal(bootstrapUrl)
      ? bootstrapUrl
      : mostCommon([...repositories.map((r) => stringAt(r.object.spec, 'url')), ...argoRepositoryUrls(objects)].filter(literal).map(canonicalRepository));
  }
  const urls = new Set(url === undefined ? [] : [canonicalRepository(url)]);
  const ours = repositories.filter((r) => isThisUrl(stringAt(r.object.spec, 'url'), urls));
  const branchOf = (r: Resource | undefined) => stringAt(r?.object.spec, 'ref', 'branch');
  const bootstrapBranch = branchOf(bootstrap);
  const branch = bootstrapBranch !== undefined && !isPlaceholder(bootstrapBranch) ? bootstrapBranch : mostCommon(ours.map(branchOf).filter(literal));
  return { urls, branch };
}

/** A URL is this repository's when nothing says otherwise: unknown, a placeholder, or one of its URLs. */
export function isThisUrl(url: string | undefined, urls: ReadonlySet<string>): boolean {
  if (url === undefined || urls.size === 0 || isPlaceholder(url)) return true;
  return urls.has(canonicalRepository(url));
}
