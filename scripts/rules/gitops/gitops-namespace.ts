import type { RepositoryRule, Violation } from '../rule.ts';
import { describe } from '../cross/lib/values.ts';
import { directoryReferences } from './lib/directory-references.ts';
import { overlaysOf } from './lib/overlays.ts';

export const gitopsNamespace: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-namespace',
  severity: 'error',
  description:
    'A Flux Kustomization targetNamespace or an Argo CD destination namespace equals the namespace the overlay it deploys renders into.',
  fix: "Set targetNamespace / destination.namespace to the overlay's namespace (its kustomization `namespace:`), or change the overlay.",
  kinds: ['Kustomization', 'GitRepository', 'Application', 'ApplicationSet'],
  equivalents: {},
  check(context) {
    const overlays = overlaysOf(context);
    const violations: Violation[] = [];
    for (const reference of directoryReferences(context)) {
      if (!reference.namespace) continue;
      for (const dir of reference.dirs ?? []) {
        const overlay = overlays.find((o) => o.dir === dir && o.rendered);
        if (!overlay?.namespace || overlay.namespace === reference.namespace.value) continue;
        // Flux's targetNamespace rewrites every object, so the overlay's own namespace is silently overridden;
        // Argo CD only fills it in where none is set, so the two disagree about where things are.
        violations.push({
          resource: reference.resource,
          path: reference.namespace.pointer,
          message: `${describe(reference.resource)} deploys ${dir} into namespace ${reference.namespace.value}, but ${dir} renders into namespace ${overlay.namespace}`,
        });
      }
    }
    return violations;
  },
};
