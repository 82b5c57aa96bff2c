import type { Rule, Violation } from '../rule.ts';
import { listsName } from './lib/outside-render.ts';
import { describe, describeNamespace } from './lib/values.ts';

export const hpaTarget: Rule = {
  id: 'hpa-target',
  severity: 'error',
  description:
    "A HorizontalPodAutoscaler's (or KEDA ScaledObject's) scaleTargetRef names a resource of any kind in the render (same namespace) or one listed in `external.workloads`, and minReplicas (default 1) is not above maxReplicas (ScaledObject: minReplicaCount, maxReplicaCount default 100).",
  fix: 'Point scaleTargetRef at the kind and name of the workload to scale (declare one made outside the render under external.workloads), and keep minReplicas <= maxReplicas.',
  // Every kind: the target may be any scalable resource (an Argo Rollout, a custom resource).
  kinds: ['*'],
  equivalents: { kubeLinter: 'dangling-horizontalpodautoscaler' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const hpa of index.hpas) {
      const { targetKind, targetName } = hpa;
      const external = context.settings.external.workloads;
      if (targetKind && targetName && !index.find(targetKind, targetName, hpa.namespace) && !listsName(external, targetName, hpa.namespace)) {
        const sameName = index.workloads.filter((w) => w.name === targetName && w.namespace === hpa.namespace);
        const hint = sameName.length > 0 ? `; the render has ${sameName.map((w) => w.kind).join(', ')} ${targetName}` : '';
        violations.push({
          resource: hpa.resource,
          path: '/spec/scaleTargetRef/name',
          message: `${describe(hpa.resource)} scales ${targetKind} ${hpa.namespace ? `${hpa.namespace}/` : ''}${targetName}, which is not in the render in namespace ${describeNamespace(hpa.namespace)}${hint}; if it is made outside the render (another source, an operator), declare it under external.workloads`,
        });
      }
      if (hpa.maxReplicas !== undefined && hpa.minReplicas > hpa.maxReplicas) {
        violations.push({
          resource: hpa.resource,
          path: '/spec/minReplicas',
          message: `${describe(hpa.resource)} for ${targetKind ?? '?'} ${targetName ?? '?'} has minReplicas ${hpa.minReplicas} above maxReplicas ${hpa.maxReplicas}`,
        });
      }
    }
    return violations;
  },
};
