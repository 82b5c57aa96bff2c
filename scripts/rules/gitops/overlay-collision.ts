import type { Resource } from '../../lib/model.ts';
import { appendAll } from '../../lib/model.ts';
import { isEmptySelector, mapSelector, matches } from '../cross/lib/selectors.ts';
import { describe, isRecord, namespaceOf } from '../cross/lib/values.ts';
import { podTemplateOf } from '../resource-index.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { directoryReferences } from './lib/directory-references.ts';
import { isApplication, isApplicationSet, isFluxKustomization, resourcesWhere } from './lib/gitops-objects.ts';
import { isInsideDir, overlaysOf, type Overlay } from './lib/overlays.ts';

function keyOf(resource: Resource): string {
  return [resource.object.kind, namespaceOf(resource) ?? '', String(resource.object.metadata?.name ?? '')].join('\u0000');
}

function where(resource: Resource): string {
  return resource.line !== undefined ? `${resource.file}:${resource.line}` : resource.file;
}

function sharedResources(first: Overlay, second: Overlay): Violation[] {
  const owned = new Map(first.checked.resources.map((resource) => [keyOf(resource), resource]));
  return second.checked.resources.flatMap((resource) => {
    const other = owned.get(keyOf(resource));
    if (!other) return [];
    return [
      {
        resource,
        path: '/metadata/name',
        message: `${describe(resource)} is rendered by both ${first.dir} (${where(other)}) and ${second.dir}: the two GitOps objects deploying them overwrite each other, and deleting one prunes the other's`,
      },
    ];
  });
}

/** Services of `services` that select pods of `pods` in the same namespace. */
function crossSelections(services: Overlay, pods: Overlay): Violation[] {
  const templates = pods.checked.resources.flatMap((resource) => podTemplateOf(resource) ?? []);
  const violations: Violation[] = [];
  for (const service of services.checked.resources.filter((r) => r.object.kind === 'Service')) {
    const spec = service.object.spec;
    if (!isRecord(spec) || !isRecord(spec.selector)) continue;
    const selector = mapSelector(spec.selector);
    if (isEmptySelector(selector)) continue;
    for (const template of templates) {
      if (namespaceOf(template.resource) !== namespaceOf(service) || !matches(selector, template.labels)) continue;
      violations.push({
        resource: service,
        path: '/spec/selector',
        message: `${describe(service)} of ${services.dir} selects the pods of ${describe(template.resource)} of ${pods.dir}: those pods silently take a share of its traffic; give each overlay a distinct label (e.g. app.kubernetes.io/instance) in its selectors`,
      });
    }
  }
  return violations;
}

/**
 * Only overlays deployed to one cluster can collide; two sources merely named in one run (say, two test
 * fixtures) are not. With GitOps objects in the run, they say what is deployed; without, the repository's
 * own overlays/ directory is taken as one environment set.
 */
function deployedTogether(context: RepositoryContext, overlays: readonly Overlay[]): Overlay[] {
  const hasGitOps = resourcesWhere(context, (r) => isFluxKustomization(r) || isApplication(r) || isApplicationSet(r)).length > 0;
  if (!hasGitOps) return overlays.filter((overlay) => overlay.dir !== 'overlays' && isInsideDir(overlay.dir, 'overlays'));
  const deployed = new Set(directoryReferences(context).flatMap((reference) => reference.dirs ?? []));
  return overlays.filter((overlay) => deployed.has(overlay.dir));
}

export const overlayCollision: RepositoryRule = {
  scope: 'repository',
  id: 'overlay-collision',
  severity: 'error',
  description:
    "Overlays that deploy into the same namespace render no object of the same kind, namespace and name, and no Service of one selects the other's pods. Only overlays deployed together are compared: those the run's Flux Kustomizations and Argo CD Applications/ApplicationSets point at or, when the run has no GitOps objects, those under the repository's overlays/ directory.",
  fix: 'Give one overlay its own names (nameSuffix) and a distinct instance label in its selectors, and delete from it the objects the other owns (e.g. the Namespace).',
  kinds: ['*'],
  equivalents: {},
  check(context) {
    const overlays = deployedTogether(context, overlaysOf(context)).filter((overlay) => overlay.rendered && overlay.namespace !== undefined);
    const violations: Violation[] = [];
    overlays.forEach((first, i) => {
      for (const second of overlays.slice(i + 1)) {
        if (first.namespace !== second.namespace) continue;
        appendAll(violations, [...sharedResources(first, second), ...crossSelections(first, second), ...crossSelections(second, first)]);
      }
    });
    return violations;
  },
};
