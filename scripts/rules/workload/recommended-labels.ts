import type { Rule, Violation } from '../rule.ts';
import { WORKLOAD_KINDS } from './lib/containers.ts';

export const recommendedLabels: Rule = {
  id: 'recommended-labels',
  severity: 'warning',
  description:
    'Workloads carry app.kubernetes.io/name, app.kubernetes.io/part-of, and app.kubernetes.io/version or app.kubernetes.io/component.',
  fix: 'Add the labels, e.g. with `labels:` (includeSelectors: false) in the kustomization.',
  kinds: WORKLOAD_KINDS,
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      const resource = template.resource;
      const labels = resource.object.metadata?.labels ?? {};
      const missing: string[] = [];
      for (const label of ['app.kubernetes.io/name', 'app.kubernetes.io/part-of']) if (!labels[label]) missing.push(label);
      if (!labels['app.kubernetes.io/version'] && !labels['app.kubernetes.io/component']) {
        missing.push('app.kubernetes.io/version or app.kubernetes.io/component');
      }
      if (missing.length === 0) continue;
      violations.push({
        resource,
        path: resource.object.metadata?.labels ? '/metadata/labels' : '/metadata',
        message: `${resource.object.kind} "${resource.object.metadata?.name ?? ''}" has no ${missing.join(', ')} label`,
      });
    }
    return violations;
  },
};
