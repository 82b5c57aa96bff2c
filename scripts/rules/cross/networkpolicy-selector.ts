import type { Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { crossIndex, type Workload } from './lib/cross-index.ts';
import { describeSelector, isEmptySelector, labelSelector, matches } from './lib/selectors.ts';
import { describe, describeNamespace, listAt, namespaceOf, recordAt, stringList, valueAt } from './lib/values.ts';

/** Without policyTypes a policy always restricts ingress (and egress only when it has egress rules). */
function restrictsIngress(policy: Resource): boolean {
  const types = valueAt(policy.object, 'spec', 'policyTypes');
  return Array.isArray(types) ? stringList(types).includes('Ingress') : true;
}

function selects(policy: Resource, workload: Workload): boolean {
  return namespaceOf(policy) === workload.namespace && matches(labelSelector(recordAt(policy.object, 'spec', 'podSelector') ?? {}), workload.labels);
}

export const networkPolicySelector: Rule = {
  id: 'networkpolicy-selector',
  severity: 'warning',
  description:
    "A NetworkPolicy's podSelector selects at least one workload in its namespace (an empty selector means all pods), and a workload behind a Service that an Ingress policy isolates is allowed some ingress by at least one policy selecting it.",
  fix: 'Make podSelector match the workload pod labels, and add an ingress rule that admits the Service clients (ingress controller, other pods).',
  kinds: ['NetworkPolicy', 'Service', 'Deployment', 'StatefulSet', 'DaemonSet'],
  equivalents: { kubeLinter: 'dangling-networkpolicy' },
  check(context) {
    const index = crossIndex(context);
    const policies = context.index.byKind('NetworkPolicy');
    const violations: Violation[] = [];
    for (const policy of policies) {
      const selector = labelSelector(recordAt(policy.object, 'spec', 'podSelector') ?? {});
      if (isEmptySelector(selector) || index.workloadsSelectedBy(selector, namespaceOf(policy)).length > 0) continue;
      violations.push({
        resource: policy,
        path: '/spec/podSelector',
        message: `${describe(policy)} podSelector ${describeSelector(selector)} selects the pods of no workload in namespace ${describeNamespace(namespaceOf(policy))}`,
      });
    }
    for (const workload of index.workloads) {
      const services = index.servicesSelecting(workload);
      if (services.length === 0) continue;
      const isolating = policies.filter((p) => restrictsIngress(p) && selects(p, workload));
      if (isolating.length === 0) continue;
      if (isolating.some((p) => listAt(p.object, 'spec', 'ingress').length > 0)) continue;
      violations.push({
        resource: workload.resource,
        path: `${workload.template.specPath.replace(/\/spec$/, '')}/metadata/labels`,
        message: `${describe(workload.resource)} backs ${services.map((s) => describe(s.resource)).join(', ')} but ${isolating.map(describe).join(', ')} isolate(s) it for ingress and no NetworkPolicy allows any ingress to it`,
      });
    }
    return violations;
  },
};
