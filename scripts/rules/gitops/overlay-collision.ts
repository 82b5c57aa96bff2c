import type { Resource } from '../../lib/model.ts';
import { gitopsOf } from './lib/repository-model.ts';
import { appendAll } from '../../lib/model.ts';
import { isEmptySelector, mapSelector, matches } from '../cross/lib/selectors.ts';
import { describe, isRecord, namespaceOf } from '../cross/lib/values.ts';
import { podTemplateOf } from '../resource-index.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
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
 * fixtures, or the staging and production overlays of two clusters) are not. With GitOps objects in the run,
 * each cluster's directories are one set; without, the repository's own overlays/ directory is taken as one.
 */
function deployedTogether(context: RepositoryContext, overlays: readonly Overlay[]): Overlay[][] {
  if (gitopsOf(context).clusters.length === 0) return [overlays.filter((overlay) => overlay.dir !== 'overlays' && isInsideDir(overlay.dir, 'overlays'))];
  return gitopsOf(context).clusters.map((cluster) => overlays.filter((overlay) => cluster.deployed.has(overlay.dir)));
}

export const overlayCollision: RepositoryRule = {
  scope: 'repository',
  id: 'overlay-collision',
  severity: 'error',
  description:
    "Overlays that deploy into the same namespace of one cluster render no object of the same kind, namespace and name, and no Service of one selects the other's pods. Only overlays deployed together are compared: those one cluster's Flux Kustomizations or Argo CD Applications/ApplicationSets deploy (see docs/gitops.md for how clusters are inferred) or, when the run has no GitOps objects, those under the repository's overlays/ directory.",
  fix: 'Give one overlay its own names (nameSuffix) and a distinct instance label in its selectors, and delete from it the objects the other owns (e.g. the Namespace).',
  kinds: ['*'],
  equivalents: {},
  check(context) {
    const usable = overlaysOf(context).filter((overlay) => overlay.rendered && overlay.namespace !== undefined);
    const violations: Violation[] = [];
    const compared = new Set<string>();
    for (const group of deployedTogether(context, usable)) {
      group.forEach((first, i) => {
        for (const second of group.slice(i + 1)) {
          // Two clusters deploying the same pair would report it twice.
          const pair = `${first.dir}\u0000${second.dir}`;
          if (first.namespace !== second.namespace || compared.has(pair)) continue;
          compared.add(pair);
          appendAll(violations, [...sharedResources(first, second), ...crossSelections(first, second), ...crossSelections(second, first)]);
        }
      });
    }
    return violations;
  },
};
