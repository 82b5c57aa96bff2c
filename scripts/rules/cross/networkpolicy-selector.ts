import type { Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { addedLabelsKey } from '../resource-relations.ts';
import { describeSelector, isEmptySelector, labelSelector, matches, type LabelSelector } from './lib/selectors.ts';
import { podsMadeOutside } from './lib/outside-render.ts';
import { describe, describeNamespace, listAt, namespaceOf, recordAt, stringList, valueAt } from './lib/values.ts';

/** Without policyTypes a policy always restricts ingress (and egress only when it has egress rules). */
function restrictsIngress(policy: Resource): boolean {
  const types = valueAt(policy.object, 'spec', 'policyTypes');
  return Array.isArray(types) ? stringList(types).includes('Ingress') : true;
}

interface IngressPolicy {
  resource: Resource;
  selector: LabelSelector;
  allowsIngress: boolean;
}

/** The policies that isolate pods for ingress, by namespace, with their selectors parsed once. */
function isolatingPolicies(policies: readonly Resource[]): Map<string | undefined, IngressPolicy[]> {
  const byNamespace = new Map<string | undefined, IngressPolicy[]>();
  for (const resource of policies) {
    if (!restrictsIngress(resource)) continue;
    const policy = {
      resource,
      selector: labelSelector(recordAt(resource.object, 'spec', 'podSelector') ?? {}),
      allowsIngress: listAt(resource.object, 'spec', 'ingress').length > 0,
    };
    byNamespace.set(namespaceOf(resource), [...(byNamespace.get(namespaceOf(resource)) ?? []), policy]);
  }
  return byNamespace;
}

export const networkPolicySelector: Rule = {
  id: 'networkpolicy-selector',
  severity: 'warning',
  description:
    "A NetworkPolicy's podSelector selects at least one workload in its namespace (an empty selector means all pods; pods an operator makes from a custom resource of the render, and label sets of `external.pods`, count), and a workload behind a Service that an Ingress policy isolates is allowed some ingress by at least one policy selecting it.",
  fix: 'Make podSelector match the workload pod labels (or declare pods made outside the render under external.pods), and add an ingress rule that admits the Service clients (ingress controller, other pods).',
  // Every kind: a custom resource may be what makes the pods a policy selects.
  kinds: ['*'],
  equivalents: { kubeLinter: 'dangling-networkpolicy' },
  check(context) {
    const index = context.index;
    const policies = context.index.byKind('NetworkPolicy');
    const violations: Violation[] = [];
    for (const policy of policies) {
      const selector = labelSelector(recordAt(policy.object, 'spec', 'podSelector') ?? {});
      if (isEmptySelector(selector) || index.workloadsSelectedBy(selector, namespaceOf(policy)).length > 0) continue;
      if (podsMadeOutside(context, selector, namespaceOf(policy))) continue;
      violations.push({
        resource: policy,
        path: '/spec/podSelector',
        message: `${describe(policy)} podSelector ${describeSelector(selector)} selects the pods of no workload in namespace ${describeNamespace(namespaceOf(policy))} in the render; if pods with these labels are made outside the render (an operator, another source), declare them under external.pods`,
      });
    }
    const ingressPolicies = isolatingPolicies(policies);
    // Workloads with the same labels are isolated by the same policies: decide once per label set.
    const isolatedBy = new Map<string, Resource[]>();
    for (const workload of index.workloads) {
      const services = index.servicesSelecting(workload);
      if (services.length === 0) continue;
      const labelsKey = `${workload.namespace ?? ''}\u0000${addedLabelsKey(workload)}\u0000${JSON.stringify(workload.labels)}`;
      let isolating = isolatedBy.get(labelsKey);
      if (!isolating) {
        const selecting = (ingressPolicies.get(workload.namespace) ?? []).filter((p) => matches(p.selector, workload.labels, workload.addedLabels));
        isolating = selecting.some((p) => p.allowsIngress) ? [] : selecting.map((p) => p.resource);
        isolatedBy.set(labelsKey, isolating);
      }
      if (isolating.length === 0) continue;
      violations.push({
        resource: workload.resource,
        path: `${workload.template.specPath.replace(/\/spec$/, '')}/metadata/labels`,
        message: `${describe(workload.resource)} backs ${services.map((s) => describe(s.resource)).join(', ')} but ${isolating.map(describe).join(', ')} isolate(s) it for ingress and no NetworkPolicy allows any ingress to it`,
      });
    }
    return violations;
  },
};
