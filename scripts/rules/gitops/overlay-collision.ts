import type { Resource } from '../../lib/model.ts';
import { isEmptySelector, mapSelector, matches } from '../cross/lib/selectors.ts';
import { describe, isRecord, namespaceOf } from '../cross/lib/values.ts';
import { podTemplateOf } from '../resource-index.ts';
import type { RepositoryRule, Violation } from '../rule.ts';
import { overlaysOf, type Overlay } from './lib/overlays.ts';

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

export const overlayCollision: RepositoryRule = {
  scope: 'repository',
  id: 'overlay-collision',
  severity: 'error',
  description:
    "Overlays that deploy into the same namespace render no object of the same kind, namespace and name, and no Service of one selects the other's pods.",
  fix: 'Give one overlay its own names (nameSuffix) and a distinct instance label in its selectors, and delete from it the objects the other owns (e.g. the Namespace).',
  kinds: ['*'],
  equivalents: {},
  check(context) {
    const overlays = overlaysOf(context).filter((overlay) => overlay.rendered && overlay.namespace !== undefined);
    const violations: Violation[] = [];
    overlays.forEach((first, i) => {
      for (const second of overlays.slice(i + 1)) {
        if (first.namespace !== second.namespace) continue;
        violations.push(...sharedResources(first, second), ...crossSelections(first, second), ...crossSelections(second, first));
      }
    });
    return violations;
  },
};
