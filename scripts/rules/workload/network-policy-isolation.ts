import type { Rule, Violation } from '../rule.ts';
import { labelSelector, matches } from '../cross/lib/selectors.ts';
import { describe, namespaceOf, recordAt } from '../cross/lib/values.ts';
import { WORKLOAD_KINDS } from './lib/containers.ts';
import { templateLabelsPath } from './lib/scaling.ts';

// A pod that no NetworkPolicy selects accepts traffic from every pod of the cluster. Policies that exist in
// the cluster but not in the render (`external.networkPolicies`) may select it: then the rule cannot know.
export const networkPolicyIsolation: Rule = {
  id: 'network-policy-isolation',
  severity: 'warning',
  description:
    'Every workload is selected by some NetworkPolicy in its namespace (an empty podSelector selects all pods); silent when the `external.networkPolicies` setting lists policies the render does not hold.',
  fix: 'Add a NetworkPolicy whose podSelector matches the workload (a default-deny policy with an empty podSelector, plus the allows it needs).',
  kinds: [...WORKLOAD_KINDS, 'NetworkPolicy'],
  equivalents: { kubeLinter: 'non-isolated-pod', polaris: 'missingNetworkPolicy', kubeScore: 'pod-networkpolicy' },
  check: (context) => {
    if (context.settings.external.networkPolicies.length > 0) return [];
    const policies = context.index.byKind('NetworkPolicy').map((policy) => ({
      namespace: namespaceOf(policy),
      selector: labelSelector(recordAt(policy.object, 'spec', 'podSelector') ?? {}),
    }));
    const violations: Violation[] = [];
    for (const workload of context.index.workloads) {
      if (policies.some((policy) => policy.namespace === workload.namespace && matches(policy.selector, workload.labels))) continue;
      violations.push({
        resource: workload.resource,
        path: templateLabelsPath(workload),
        message: `no NetworkPolicy in the render selects the pods of ${describe(workload.resource)}: they accept traffic from every pod`,
      });
    }
    return violations;
  },
};
