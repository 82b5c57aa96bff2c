import { artifactIgnores, artifactLeavesOut } from './lib/artifact.ts';
import { filesOf, gitopsOf } from './lib/repository-model.ts';
import type { Resource } from '../../lib/model.ts';
import { MAX_SOURCEIGNORE_BYTES } from '../../lib/repository-files.ts';
import { pointer } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { describe, isRecord, listAt, stringAt } from '../cross/lib/values.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { fluxNamespace, isFluxKustomization, isGitRepository, uniqueObjects } from './lib/gitops-objects.ts';
import { overlaysOf, type Overlay } from './lib/overlays.ts';
import { isBootstrapSource, isThisUrl } from './graph/repository.ts';

const OPTIONS = {
  sourceIgnore: {
    type: 'strings',
    description:
      "top-level directories of the repository that are not manifests (tooling, tests) and that Flux's artifact of it must leave out through .sourceignore or spec.ignore (default: none); only those that exist are required",
  },
} as const satisfies OptionSpecs;

const keyOf = (namespace: string, name: string) => `${namespace}/${name}`;
const keyOfResource = (resource: Resource) => keyOf(fluxNamespace(resource), String(resource.object.metadata?.name ?? ''));

function dependencies(kustomization: Resource): Array<{ key: string; name: string; index: number }> {
  return listAt(kustomization.object.spec, 'dependsOn').flatMap((entry, index) => {
    const name = stringAt(entry, 'name');
    if (name === undefined) return [];
    return [{ key: keyOf(stringAt(entry, 'namespace') ?? fluxNamespace(kustomization), name), name, index }];
  });
}

function dependsOnViolations(kustomizations: readonly Resource[]): Violation[] {
  const known = new Set(kustomizations.map(keyOfResource));
  return kustomizations.flatMap((kustomization) =>
    dependencies(kustomization)
      .filter((dependency) => !known.has(dependency.key))
      .map((dependency) => ({
        resource: kustomization,
        path: pointer('spec', 'dependsOn', dependency.index, 'name'),
        message: `${describe(kustomization)} depends on Kustomization ${dependency.key}, which is not defined in the GitOps manifests: it waits forever`,
      })),
  );
}

function waitViolations(kustomizations: readonly Resource[]): Violation[] {
  return kustomizations
    .filter((k) => isRecord(k.object.spec) && k.object.spec.wait === true && listAt(k.object.spec, 'healthChecks').length > 0)
    .map((kustomization) => ({
      resource: kustomization,
      path: '/spec/wait',
      message: `${describe(kustomization)} sets wait: true and healthChecks: with wait, Flux ignores the healthChecks list and waits on every object`,
    }));
}

/**
 * kustomize-controller does not create a targetNamespace: the overlay itself, the GitOps manifests, or a
 * Kustomization applied before this one (a dependsOn, transitively) must.
 */
function targetNamespaceViolations(context: RepositoryContext, kustomizations: readonly Resource[]): Violation[] {
  const overlays = overlaysOf(context);
  const byKey = new Map(kustomizations.map((k) => [keyOfResource(k), k]));
  const fluxReconcilers = gitopsOf(context).reconcilers.filter((reconciler) => reconciler.tool === 'flux' && reconciler.origin.in === 'repository');
  const overlayOf = (kustomization: Resource): Overlay | undefined => {
    const dirs = fluxReconcilers.find((reconciler) => reconciler.resource === kustomization)?.dirs ?? [];
    return overlays.find((overlay) => dirs.includes(overlay.dir));
  };
  const plainNamespaces = new Set(
    context.sources
      .filter((checked) => checked.source.kind !== 'kustomization')
      .flatMap((checked) => checked.resources.filter((r) => r.object.kind === 'Namespace').map((r) => String(r.object.metadata?.name ?? ''))),
  );
  const createdBefore = (kustomization: Resource, namespace: string, seen: Set<Resource>): boolean => {
    if (seen.has(kustomization)) return false;
    seen.add(kustomization);
    if (overlayOf(kustomization)?.namespaces.has(namespace)) return true;
    return dependencies(kustomization).some((dependency) => {
      const upstream = byKey.get(dependency.key);
      return upstream !== undefined && createdBefore(upstream, namespace, seen);
    });
  };
  const violations: Violation[] = [];
  for (const kustomization of kustomizations) {
    const namespace = stringAt(kustomization.object.spec, 'targetNamespace');
    const overlay = overlayOf(kustomization);
    // Without a rendered overlay there is nothing to compare: gitops-path reports why. A `${var}` is filled in later.
    if (namespace === undefined || namespace.includes('${') || !overlay?.rendered) continue;
    if (plainNamespaces.has(namespace) || createdBefore(kustomization, namespace, new Set())) continue;
    violations.push({
      resource: kustomization,
      path: '/spec/targetNamespace',
      message: `${describe(kustomization)} deploys into namespace ${namespace}, which neither ${overlay.dir} nor a Kustomization it depends on creates (kustomize-controller does not create it): render the Namespace, or add a dependsOn on the Kustomization that does`,
    });
  }
  return violations;
}

function sourceIgnoreState(context: RepositoryContext): string {
  if (filesOf(context).sourceIgnore !== undefined) return 'the root .sourceignore does not exclude them';
  if (filesOf(context).hasSourceIgnore) return `the root .sourceignore is not a regular file of at most ${MAX_SOURCEIGNORE_BYTES} bytes inside the repository`;
  return 'the repository has no root .sourceignore';
}

/**
 * Flux's source-controller packs the whole tree of a GitRepository into every artifact, less Flux's default
 * exclusions and what the root .sourceignore (gitignore syntax) or spec.ignore leave out. Which directories
 * are not manifests is the repository's to say (options.sourceIgnore); those that do not exist cost nothing.
 */
function sourceIgnoreViolations(context: RepositoryContext): Violation[] {
  const wanted = optionsOf(context.settings, 'flux-wiring', OPTIONS).sourceIgnore ?? [];
  const present = new Set(filesOf(context).directories.get('.')?.subdirectories ?? []);
  const relevant = wanted.filter((name) => present.has(name));
  if (relevant.length === 0) return [];
  const repositories = uniqueObjects(context.sources, isGitRepository).filter((r) => isThisUrl(stringAt(r.object.spec, 'url'), gitopsOf(context).repository.urls));
  const repository = repositories.find(isBootstrapSource) ?? repositories[0];
  if (!repository) return [];
  // spec.ignore replaces Flux's default exclusions; a .sourceignore adds to them. Either may do the job.
  const ignores = artifactIgnores(filesOf(context), stringAt(repository.object.spec, 'ignore'));
  const missing = relevant.filter((name) => !artifactLeavesOut(ignores, filesOf(context), name));
  if (missing.length === 0) return [];
  return [
    {
      resource: repository,
      path: '/spec/url',
      message: `${describe(repository)} downloads ${missing.join(', ')} with every revision: ${sourceIgnoreState(context)}`,
    },
  ];
}

export const fluxWiring: RepositoryRule = {
  scope: 'repository',
  id: 'flux-wiring',
  severity: 'error',
  description:
    "Flux Kustomizations depend only on Kustomizations that exist, never combine wait: true with healthChecks, and deploy into a namespace something creates first; the repository's .sourceignore (or the GitRepository's spec.ignore) keeps the directories options.sourceIgnore names out of the artifact.",
  fix: 'Fix the dependsOn name, drop wait or healthChecks, render the target Namespace (or depend on the Kustomization that does), and list the non-manifest directories in .sourceignore.',
  kinds: ['Kustomization', 'GitRepository', 'Namespace'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const kustomizations = uniqueObjects(context.sources, isFluxKustomization);
    return [
      ...dependsOnViolations(kustomizations),
      ...waitViolations(kustomizations),
      ...targetNamespaceViolations(context, kustomizations),
      ...sourceIgnoreViolations(context),
    ];
  },
};
