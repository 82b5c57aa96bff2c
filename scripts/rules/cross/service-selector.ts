import type { Rule, Violation } from '../rule.ts';
import { describeLabels, describeSelector } from './lib/selectors.ts';
import { describe, describeNamespace } from './lib/values.ts';

export const serviceSelector: Rule = {
  id: 'service-selector',
  severity: 'error',
  description:
    'A Service selector matches the pod labels of at least one workload in its namespace (Services without selector, and ExternalName Services, are skipped).',
  fix: "Make the Service's spec.selector a subset of the pod template labels of the workload it fronts.",
  kinds: ['Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'dangling-service' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const service of index.services) {
      if (!service.selector) continue;
      if (index.workloadsSelectedBy(service.selector, service.namespace).length > 0) continue;
      const candidates = index.workloads.filter((w) => w.namespace === service.namespace);
      const seen =
        candidates.length === 0
          ? 'there is no workload in that namespace'
          : 'pod labels there: ' + candidates.map((w) => `${w.kind} ${w.name} (${describeLabels(w.labels)})`).join('; ');
      violations.push({
        resource: service.resource,
        path: '/spec/selector',
        message: `${describe(service.resource)} selector ${describeSelector(service.selector)} matches the pods of no workload in namespace ${describeNamespace(service.namespace)}: ${seen}`,
      });
    }
    return violations;
  },
};
