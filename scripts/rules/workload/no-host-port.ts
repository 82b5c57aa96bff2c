import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, POD_SECURITY_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const noHostPort: Rule = {
  id: 'no-host-port',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No container binds a hostPort (PSS baseline): it ties the pod to a node port and limits scheduling.',
  fix: 'Remove hostPort and expose the container through a Service.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'hostPortSet' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      const violations: Violation[] = [];
      listAt(ref.container, 'ports').forEach((port, index) => {
        if (!isRecord(port) || port.hostPort === undefined || port.hostPort === 0) return;
        violations.push(containerViolation(ref, `/ports/${index}/hostPort`, `binds hostPort ${String(port.hostPort)}`));
      });
      return violations;
    }),
};
