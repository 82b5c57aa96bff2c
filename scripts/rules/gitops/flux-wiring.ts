import { existsSync } from 'node:fs';
import { excludesTopLevel } from './lib/source-ignore.ts';
import { join } from 'node:path';
import type { Resource } from '../../lib/model.ts';
import { readFileInside } from '../../lib/repository-file.ts';
import { pointer } from '../../lib/model.ts';
import { describe, isRecord, listAt, stringAt } from '../cross/lib/values.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { fluxNamespace, isFluxKustomization, isGitRepository, resourcesWhere } from './lib/gitops-objects.ts';
import { overlaysOf, type Overlay } from './lib/overlays.ts';
import { repositoryPath } from './lib/repository-paths.ts';
import { isThisRepository } from './lib/repository-url.ts';

/** What a Flux artifact of this repository must leave out: the toolkit, not manifests. */
export const SOURCE_IGNORED = ['node_modules', 'scripts', 'test', 'schemas'] as const;

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
 * kustomize-controller does not create a targetNamespace: the overlay itself, the flux/ manifests, or a
 * Kustomization applied before this one (a dependsOn, transitively) must.
 */
function targetNamespaceViolations(context: RepositoryContext, kustomizations: readonly Resource[]): Violation[] {
  const overlays = overlaysOf(context);
  const byKey = new Map(kustomizations.map((k) => [keyOfResource(k), k]));
  const overlayOf = (kustomization: Resource): Overlay | undefined => {
    const dir = repositoryPath(stringAt(kustomization.object.spec, 'path') ?? '');
    return overlays.find((overlay) => overlay.dir === dir);
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
    // Without a rendered overlay there is nothing to compare: gitops-path reports why.
    if (namespace === undefined || !overlay?.rendered) continue;
    if (plainNamespaces.has(namespace) || createdBefore(kustomization, namespace, new Set())) continue;
    violations.push({
      resource: kustomization,
      path: '/spec/targetNamespace',
      message: `${describe(kustomization)} deploys into namespace ${namespace}, which neither ${overlay.dir} nor a Kustomization it depends on creates (kustomize-controller does not create it): render the Namespace, or add a dependsOn on the Kustomization that does`,
    });
  }
  return violations;
}

/** A .sourceignore is a short list of patterns; anything this large is not one. */
const MAX_SOURCEIGNORE_BYTES = 1024 * 1024;

function sourceIgnoreState(root: string, text: string | undefined): string {
  if (text !== undefined) return 'the root .sourceignore does not exclude them';
  if (existsSync(join(root, '.sourceignore'))) return `the root .sourceignore is not a regular file of at most ${MAX_SOURCEIGNORE_BYTES} bytes inside the repository`;
  return 'the repository has no root .sourceignore';
}

function sourceIgnoreViolations(context: RepositoryContext): Violation[] {
  const repository = resourcesWhere(context, isGitRepository).find((r) => isThisRepository(stringAt(r.object.spec, 'url'), context.settings));
  if (!repository) return [];
  // Read only as a regular file inside the repository: a link to /dev/zero or out of the tree counts as absent.
  const text = readFileInside(context.root, '.sourceignore', MAX_SOURCEIGNORE_BYTES);
  // spec.ignore replaces Flux's default exclusions; a root .sourceignore adds to them. Either may do the job.
  const patterns = `${text ?? ''}\n${stringAt(repository.object.spec, 'ignore') ?? ''}`;
  const missing = SOURCE_IGNORED.filter((name) => !excludesTopLevel(patterns, name));
  if (missing.length === 0) return [];
  return [
    {
      resource: repository,
      path: '/spec/url',
      message: `${describe(repository)} downloads ${missing.join(', ')} with every revision: ${sourceIgnoreState(context.root, text)}`,
    },
  ];
}

export const fluxWiring: RepositoryRule = {
  scope: 'repository',
  id: 'flux-wiring',
  severity: 'error',
  description:
    "Flux Kustomizations depend only on Kustomizations that exist, never combine wait: true with healthChecks, and deploy into a namespace something creates first; the repository's .sourceignore keeps node_modules, scripts, test and schemas out of the artifact.",
  fix: 'Fix the dependsOn name, drop wait or healthChecks, render the target Namespace (or depend on the Kustomization that does), and list the toolkit directories in .sourceignore.',
  kinds: ['Kustomization', 'GitRepository', 'Namespace'],
  equivalents: {},
  check(context) {
    const kustomizations = resourcesWhere(context, isFluxKustomization);
    return [
      ...dependsOnViolations(kustomizations),
      ...waitViolations(kustomizations),
      ...targetNamespaceViolations(context, kustomizations),
      ...sourceIgnoreViolations(context),
    ];
  },
};
