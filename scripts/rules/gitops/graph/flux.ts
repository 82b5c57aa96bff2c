// A Flux Kustomization as a reconciler: the directory it builds, from which source, into which namespace.
import type { Resource } from '../../../lib/model.ts';
import type { RepositoryFiles } from '../../../lib/repository-files.ts';
import { stringAt } from '../../cross/lib/values.ts';
import { fluxKey, fluxNamespace } from '../lib/gitops-objects.ts';
import { repositoryPath } from '../lib/repository-paths.ts';
import type { Origin, Reconciler, ThisRepository } from './model.ts';
import { hasFluxVariable, substituteFlux } from './placeholders.ts';
import { addReach, emptyReach } from './reach.ts';
import { isPlaceholder, isThisUrl } from './repository.ts';

export interface GraphInputs {
  files: RepositoryFiles;
  fluxSources: ReadonlyMap<string, Resource>;
  repository: ThisRepository;
}

/** The `${var}` values the Kustomization that applies an object substitutes into it (postBuild). */
export interface Substitution {
  values: ReadonlyMap<string, string>;
  /** Who fills in the rest: the parent with substituteFrom, or nobody known (a bootstrap value). */
  filledBy?: string;
}

export const NO_SUBSTITUTION: Substitution = { values: new Map() };

const OTHER_SOURCES: Record<string, string> = {
  OCIRepository: 'an OCI artifact',
  Bucket: 'a bucket',
  ExternalArtifact: 'an artifact another controller builds',
  HelmChart: 'a Helm chart',
};

/** The source a Kustomization names: kind (GitRepository when unset), namespace (its own when unset), name. */
export function sourceRefOf(resource: Resource, field = 'sourceRef'): { kind: string; namespace: string; name?: string } {
  const spec = resource.object.spec;
  return {
    kind: stringAt(spec, field, 'kind') ?? 'GitRepository',
    namespace: stringAt(spec, field, 'namespace') ?? fluxNamespace(resource),
    name: stringAt(spec, field, 'name'),
  };
}

function origin(kustomization: Resource, dirs: string[] | undefined, inputs: GraphInputs): Origin {
  const ref = sourceRefOf(kustomization);
  const named = `${ref.kind} ${ref.namespace}/${ref.name ?? ''}`;
  if (ref.kind !== 'GitRepository') return { in: 'elsewhere', what: `${named}, ${OTHER_SOURCES[ref.kind] ?? 'a source of another kind'}` };
  const source = inputs.fluxSources.get(fluxKey(ref.kind, ref.namespace, ref.name ?? ''));
  // An undefined source is gitops-source's finding; its path is still read as this repository's.
  if (!source) return { in: 'repository' };
  const url = stringAt(source.object.spec, 'url');
  if (!isThisUrl(url, inputs.repository.urls)) {
    // A path that exists here from another URL is most likely a fork or a typo of this repository's URL.
    const existing = (dirs ?? []).some((dir) => inputs.files.directories.has(dir));
    if (!existing) return { in: 'elsewhere', what: `${named}, another repository (${url})` };
  }
  const branch = stringAt(source.object.spec, 'ref', 'branch');
  const ours = inputs.repository.branch;
  if (branch !== undefined && ours !== undefined && !isPlaceholder(branch) && branch !== ours) {
    return { in: 'elsewhere', what: `${named}, branch ${branch} (this tree is reconciled from ${ours})` };
  }
  return { in: 'repository' };
}

export function fluxReconciler(kustomization: Resource, inputs: GraphInputs, substitution: Substitution): Reconciler {
  const spec = kustomization.object.spec;
  const written = stringAt(spec, 'path') ?? '';
  // An unset path is the root of the source.
  const path = substituteFlux(written, substitution.values);
  const dirs = hasFluxVariable(path) ? [] : (() => {
    const dir = repositoryPath(path);
    return dir === undefined ? undefined : [dir];
  })();
  const reconciler: Reconciler = {
    tool: 'flux',
    resource: kustomization,
    written,
    pointer: '/spec/path',
    dirs,
    pattern: false,
    // kustomize-controller generates a kustomization of the whole tree below a plain directory.
    recurse: true,
    origin: hasFluxVariable(path)
      ? { in: 'unresolved', what: substitution.filledBy ? `a value postBuild.substituteFrom of ${substitution.filledBy} sets` : 'a value the bootstrap sets (no Kustomization of this run substitutes it)' }
      : origin(kustomization, dirs, inputs),
    reach: emptyReach(),
  };
  const namespace = stringAt(spec, 'targetNamespace');
  const resolved = namespace === undefined ? undefined : substituteFlux(namespace, substitution.values);
  if (resolved !== undefined && !hasFluxVariable(resolved)) reconciler.namespace = { value: resolved, pointer: '/spec/targetNamespace' };
  if (reconciler.origin.in === 'repository') for (const dir of dirs ?? []) addReach(inputs.files, dir, true, reconciler.reach);
  return reconciler;
}

/** What a Kustomization substitutes into the objects it applies. */
export function substitutionOf(kustomization: Resource, describe: string): Substitution {
  const spec = kustomization.object.spec;
  const substitute = spec !== null && typeof spec === 'object' ? (spec as Record<string, unknown>).postBuild : undefined;
  const values = new Map<string, string>();
  let filledBy: string | undefined;
  if (substitute !== null && typeof substitute === 'object') {
    const literal = (substitute as Record<string, unknown>).substitute;
    if (literal !== null && typeof literal === 'object') {
      for (const [name, value] of Object.entries(literal)) if (typeof value === 'string') values.set(name, value);
    }
    if (Array.isArray((substitute as Record<string, unknown>).substituteFrom)) filledBy = describe;
  }
  return { values, filledBy };
}
