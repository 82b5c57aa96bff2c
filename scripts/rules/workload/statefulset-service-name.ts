import type { Rule, Violation } from '../rule.ts';
import { listsName } from '../cross/lib/outside-render.ts';
import { describe, namespaceOf, stringAt } from '../cross/lib/values.ts';

// A StatefulSet's serviceName is the governing Service that gives each pod its stable DNS name
// (<pod>.<serviceName>); that works only with a headless Service (clusterIP: None).
export const statefulsetServiceName: Rule = {
  id: 'statefulset-service-name',
  severity: 'warning',
  description:
    "A StatefulSet's serviceName names a headless Service (clusterIP: None) in its namespace in the render, or one listed in the `external.services` setting (`name` or `namespace/name`).",
  fix: 'Add a Service with clusterIP: None and the StatefulSet pod labels as selector, named as serviceName (or list it under external.services).',
  kinds: ['StatefulSet', 'Service'],
  equivalents: { kubeScore: 'statefulset-has-servicename' },
  check: (context) => {
    const external = context.settings.external.services;
    const violations: Violation[] = [];
    for (const statefulSet of context.index.byKind('StatefulSet')) {
      const name = stringAt(statefulSet.object, 'spec', 'serviceName');
      if (name === undefined || listsName(external, name, namespaceOf(statefulSet))) continue;
      const service = context.index.find('Service', name, namespaceOf(statefulSet));
      if (!service) {
        violations.push({ resource: statefulSet, path: '/spec/serviceName', message: `${describe(statefulSet)} names serviceName ${name}, which is not a Service of the render in its namespace` });
      } else if (stringAt(service.object, 'spec', 'clusterIP') !== 'None') {
        violations.push({
          resource: statefulSet,
          path: '/spec/serviceName',
          message: `${describe(statefulSet)} names serviceName ${name}, but ${describe(service)} is not headless (clusterIP: None): its pods get no stable DNS names`,
        });
      }
    }
    return violations;
  },
};
