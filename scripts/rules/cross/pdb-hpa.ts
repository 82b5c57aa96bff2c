import type { Rule, Violation } from '../rule.ts';
import { allowedDisruptions, budgetOf, describeBudget, describeFloor, podFloor, workloadsOfPdb } from './lib/disruption.ts';
import { describe } from './lib/values.ts';

export const pdbHpa: Rule = {
  id: 'pdb-hpa',
  severity: 'warning',
  description:
    "A PodDisruptionBudget's minAvailable (absolute, or a percentage rounded up) stays below the pods an HPA- or KEDA-scaled workload runs at its minReplicas (a ScaledObject's minReplicaCount, at least 1: at 0 no pod is left to evict); otherwise every voluntary eviction is blocked at low load.",
  fix: 'Lower minAvailable below the HPA minReplicas, raise minReplicas, or use maxUnavailable: 1 instead.',
  kinds: ['PodDisruptionBudget', 'HorizontalPodAutoscaler', 'ScaledObject', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'pdb-min-available', polaris: 'pdbMinAvailableGreaterThanHPAMinReplicas' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const pdb of context.index.byKind('PodDisruptionBudget')) {
      const budget = budgetOf(pdb);
      if (!budget || budget.field !== 'minAvailable') continue;
      const floor = podFloor(index, workloadsOfPdb(index, pdb));
      const scaledBy = floor?.find((part) => part.hpa)?.hpa;
      if (!floor || !scaledBy) continue;
      const pods = floor.reduce((sum, part) => sum + part.pods, 0);
      if (allowedDisruptions(budget, pods) > 0) continue;
      violations.push({
        resource: pdb,
        path: '/spec/minAvailable',
        message: `${describe(pdb)} ${describeBudget(budget)} allows no eviction when ${describe(scaledBy)} is at its minimum (${describeFloor(floor)})`,
      });
    }
    return violations;
  },
};
