import type { RepositoryRule, Violation } from '../rule.ts';
import { gitopsOf } from './lib/repository-model.ts';
import { describe } from '../cross/lib/values.ts';
import { distinctReconcilers } from './graph/model.ts';
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
    for (const reconciler of distinctReconcilers(gitopsOf(context))) {
      if (!reconciler.namespace || reconciler.origin.in !== 'repository') continue;
      for (const dir of reconciler.dirs ?? []) {
        const overlay = overlays.find((o) => o.dir === dir && o.rendered);
        if (!overlay?.namespace || overlay.namespace === reconciler.namespace.value) continue;
        // Flux's targetNamespace rewrites every object, so the overlay's own namespace is silently overridden;
        // Argo CD only fills it in where none is set, so the two disagree about where things are.
        violations.push({
          resource: reconciler.resource,
          path: reconciler.namespace.pointer,
          message: `${describe(reconciler.resource)} deploys ${dir} into namespace ${reconciler.namespace.value}, but ${dir} renders into namespace ${overlay.namespace}`,
        });
      }
    }
    return violations;
  },
};
