import type { Rule, Violation } from '../rule.ts';
import { describe, stringAt } from '../cross/lib/values.ts';

// With the default policy (IfHealthyBudget) a pod that never becomes ready counts against the budget and
// cannot be evicted while the budget is exhausted, so a crash-looping replica blocks every node drain.
export const pdbUnhealthyPodEvictionPolicy: Rule = {
  id: 'pdb-unhealthy-pod-eviction-policy',
  severity: 'warning',
  description: 'A PodDisruptionBudget sets unhealthyPodEvictionPolicy: AlwaysAllow, so pods that are not ready can always be evicted and never block a node drain.',
  fix: 'Set spec.unhealthyPodEvictionPolicy: AlwaysAllow on the PodDisruptionBudget.',
  kinds: ['PodDisruptionBudget'],
  equivalents: { kubeLinter: 'pdb-unhealthy-pod-eviction-policy' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const pdb of context.index.byKind('PodDisruptionBudget')) {
      const policy = stringAt(pdb.object, 'spec', 'unhealthyPodEvictionPolicy');
      if (policy === 'AlwaysAllow') continue;
      violations.push({
        resource: pdb,
        path: policy === undefined ? '/spec' : '/spec/unhealthyPodEvictionPolicy',
        message: `${describe(pdb)} ${policy === undefined ? 'sets no unhealthyPodEvictionPolicy (default IfHealthyBudget)' : `sets unhealthyPodEvictionPolicy: ${policy}`}: a pod that never gets ready can block node drains`,
      });
    }
    return violations;
  },
};
