import type { Rule, Violation } from '../rule.ts';
import { describe, numberAt } from './lib/values.ts';

export const hpaReplicasConflict: Rule = {
  id: 'hpa-replicas-conflict',
  severity: 'error',
  description:
    'A workload that a HorizontalPodAutoscaler or KEDA ScaledObject scales does not set spec.replicas: under GitOps self-heal every sync resets the count the HPA chose.',
  fix: 'Remove spec.replicas from the Deployment or StatefulSet (and from patches that set it) and let the HPA minReplicas set the floor.',
  kinds: ['HorizontalPodAutoscaler', 'ScaledObject', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const hpa of index.hpas) {
      const workload = index.workloadFor(hpa);
      if (!workload) continue;
      const replicas = numberAt(workload.resource.object, 'spec', 'replicas');
      if (replicas === undefined) continue;
      violations.push({
        resource: workload.resource,
        path: '/spec/replicas',
        message: `${describe(workload.resource)} sets replicas: ${replicas}, but ${describe(hpa.resource)} scales it (min ${hpa.minReplicas}, max ${hpa.maxReplicas ?? '?'}): each sync would reset the HPA's count`,
      });
    }
    return violations;
  },
};
