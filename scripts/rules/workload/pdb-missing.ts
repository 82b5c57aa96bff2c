import type { Rule, Violation } from '../rule.ts';
import type { Workload } from '../resource-index.ts';
import { workloadsOfPdb } from '../cross/lib/disruption.ts';
import { describe } from '../cross/lib/values.ts';
import { minimumPods, REPLICATED_KINDS, SCALER_KINDS, templateLabelsPath } from './lib/scaling.ts';

// Without a PodDisruptionBudget a node drain may evict every replica at once. Budgets that exist in the
// cluster but not in the render (`external.podDisruptionBudgets`) may cover it: then the rule cannot know.
export const pdbMissing: Rule = {
  id: 'pdb-missing',
  severity: 'warning',
  description:
    'A Deployment or StatefulSet that runs more than one pod (replicas, or an HPA minReplicas) is selected by a PodDisruptionBudget in its namespace; silent when the `external.podDisruptionBudgets` setting lists budgets the render does not hold.',
  fix: 'Add a PodDisruptionBudget with maxUnavailable: 1 whose selector matches the workload pod labels.',
  kinds: [...REPLICATED_KINDS, 'PodDisruptionBudget', ...SCALER_KINDS],
  equivalents: { polaris: 'missingPodDisruptionBudget', kubeScore: 'deployment-has-poddisruptionbudget, statefulset-has-poddisruptionbudget' },
  check: (context) => {
    if (context.settings.external.podDisruptionBudgets.length > 0) return [];
    // The budgets' selections as pdb-selector and pdb-hpa read them, labels the controllers add included.
    const selected = new Set<Workload>(context.index.byKind('PodDisruptionBudget').flatMap((pdb) => workloadsOfPdb(context.index, pdb)));
    const violations: Violation[] = [];
    for (const workload of context.index.workloads) {
      const pods = minimumPods(context.index, workload);
      if (pods === undefined || pods < 2 || selected.has(workload)) continue;
      violations.push({
        resource: workload.resource,
        path: templateLabelsPath(workload),
        message: `${describe(workload.resource)} runs ${pods} pods and no PodDisruptionBudget selects them: a drain may evict them all at once`,
      });
    }
    return violations;
  },
};
