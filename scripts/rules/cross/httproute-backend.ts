import { pointer } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { listsName } from './lib/outside-render.ts';
import { describePorts, exposes } from './lib/service-ports.ts';
import { describe, listAt, namespaceOf, numberAt, stringAt } from './lib/values.ts';

export const httpRouteBackend: Rule = {
  id: 'httproute-backend',
  severity: 'error',
  description:
    'Every Gateway API HTTPRoute backendRef to a Service (kind Service, core group: the default) names a Service in the render with the given port, or one listed in the `external.services` setting (a Service another overlay renders, such as the canary\'s); references to another namespace that the render does not hold are left to ReferenceGrants.',
  fix: "Point the backendRef at an existing Service and set port to one of the Service's ports, or list a Service another overlay renders under external in the configuration.",
  kinds: ['HTTPRoute', 'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const external = context.settings.external.services;
    const violations: Violation[] = [];
    for (const route of context.index.byKind('HTTPRoute')) {
      listAt(route.object, 'spec', 'rules').forEach((rule, r) => {
        listAt(rule, 'backendRefs').forEach((ref, b) => {
          const kind = stringAt(ref, 'kind') ?? 'Service';
          const group = stringAt(ref, 'group') ?? '';
          const name = stringAt(ref, 'name');
          if (kind !== 'Service' || group !== '' || !name) return;
          const at = pointer('spec', 'rules', r, 'backendRefs', b);
          const namespace = stringAt(ref, 'namespace') ?? namespaceOf(route);
          const target = index.services.find((s) => s.name === name && s.namespace === namespace);
          const subject = `${describe(route)} rule ${r} backendRef service "${name}"`;
          if (!target) {
            if (namespace !== namespaceOf(route) || listsName(external, name, namespace)) return;
            const missing = `Service ${namespace ? `${namespace}/` : ''}${name}`;
            violations.push({ resource: route, path: `${at}/name`, message: `${subject}: ${missing} is not in the render; if it is made outside the render (another source, an operator), declare it under external.services` });
            return;
          }
          const port = numberAt(ref, 'port');
          if (port === undefined) {
            violations.push({ resource: route, path: at, message: `${subject} has no port: a Service backendRef needs one (the Service exposes ${describePorts(target)})` });
          } else if (!exposes(target, port)) {
            violations.push({ resource: route, path: `${at}/port`, message: `${subject} port ${port}: the Service exposes ${describePorts(target)}` });
          }
        });
      });
    }
    return violations;
  },
};
