import type { Rule, Violation } from '../rule.ts';
import { describeLabels, describeSelector } from './lib/selectors.ts';
import { listsName, podsMadeOutside } from './lib/outside-render.ts';
import { describe, describeNamespace } from './lib/values.ts';

/** Workloads named in the message of a Service that selects nothing. */
const MAX_CANDIDATES = 3;

export const serviceSelector: Rule = {
  id: 'service-selector',
  severity: 'error',
  description:
    'A Service selector matches the pods of at least one workload in its namespace, counting the labels controllers add (pod-template-hash, statefulset.kubernetes.io/pod-name, job-name, ...) and pods an operator makes from a custom resource of the render (Prometheus, Alertmanager, or one the selector names); Services without selector, ExternalName Services, Services listed in `external.services` and selectors matching a label set of `external.pods` are skipped.',
  fix: "Make the Service's spec.selector match the pod template labels of the workload it fronts; if its pods are made outside the render, declare their labels under external.pods instead.",
  // Every kind: a custom resource (Prometheus, a Kafka cluster) may be what makes the pods.
  kinds: ['*'],
  equivalents: { kubeLinter: 'dangling-service' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    // Grouped once: looking the namespace up per Service would make the rule quadratic in the resources.
    const byNamespace = new Map<string | undefined, typeof index.workloads>();
    for (const workload of index.workloads) {
      const list = byNamespace.get(workload.namespace) ?? [];
      list.push(workload);
      byNamespace.set(workload.namespace, list);
    }
    for (const service of index.services) {
      if (!service.selector) continue;
      if (index.workloadsSelectedBy(service.selector, service.namespace).length > 0) continue;
      if (listsName(context.settings.external.services, service.name, service.namespace)) continue;
      if (podsMadeOutside(context, service.selector, service.namespace)) continue;
      const candidates = byNamespace.get(service.namespace) ?? [];
      // A few examples help; every workload of a large namespace would make a message of many kilobytes.
      const shown = candidates.slice(0, MAX_CANDIDATES).map((w) => `${w.kind} ${w.name} (${describeLabels(w.labels)})`);
      const more = candidates.length > MAX_CANDIDATES ? ` and ${candidates.length - MAX_CANDIDATES} more workloads` : '';
      const seen = candidates.length === 0 ? 'there is no workload in that namespace' : `pod labels there: ${shown.join('; ')}${more}`;
      violations.push({
        resource: service.resource,
        path: '/spec/selector',
        message: `${describe(service.resource)} selector ${describeSelector(service.selector)} matches no pods in namespace ${describeNamespace(service.namespace)}, of the render or of external.pods: ${seen}`,
      });
    }
    return violations;
  },
};
