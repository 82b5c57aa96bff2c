// Service ports as the API server validates them. Mirrors k8s.io/kubernetes pkg/apis/core/validation
// ValidateService and validateServicePort: with more than one port every port needs a name, names are
// DNS-1123 labels and unique, port is from 1 to 65535, a targetPort is a port number or an IANA_SVC_NAME
// (ValidatePortNumOrName), and no two ports share port and protocol (protocol defaults to TCP).
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { dns1123Label, portName, portNumber } from './lib/syntax.ts';

export const servicePorts: Rule = {
  id: 'service-ports',
  severity: 'error',
  description:
    "A Service with more than one port names every port; port names are DNS-1123 labels, used once; port is from 1 to 65535; a named targetPort is an IANA service name (at most 15 characters, at least one letter); no two ports share port number and protocol.",
  fix: "Name each port of a multi-port Service (e.g. http, metrics), keep names and port/protocol pairs unique, and refer to container ports by numbers or by their names of at most 15 characters.",
  kinds: ['Service'],
  mirrors: '`ValidateService`, `validateServicePort` and `ValidatePortNumOrName` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      const ports = listAt(resource.object, 'spec', 'ports');
      const names = new Map<string, number>();
      const pairs = new Map<string, number>();
      ports.forEach((port, index) => {
        if (!isRecord(port)) return;
        const at = pointer('spec', 'ports', index);
        const say = (field: string, message: string) => violations.push(violation(resource, `${at}${field}`, `ports[${index}] ${message}`));
        const name = typeof port.name === 'string' ? port.name : '';
        if (name === '' && ports.length > 1) say(field(port, 'name'), 'has no name; every port of a Service with several ports needs one');
        if (name !== '') {
          for (const reason of dns1123Label(name)) say('/name', `name "${name}" ${reason}`);
          const first = names.get(name);
          if (first !== undefined) say('/name', `has the name "${name}" of ports[${first}]`);
          else names.set(name, index);
        }
        if (typeof port.port === 'number') for (const reason of portNumber(port.port)) say('/port', `port ${port.port} ${reason}`);
        if (typeof port.targetPort === 'string') for (const reason of portName(port.targetPort)) say('/targetPort', `targetPort "${port.targetPort}" ${reason}`);
        else if (typeof port.targetPort === 'number' && port.targetPort !== 0) for (const reason of portNumber(port.targetPort)) say('/targetPort', `targetPort ${port.targetPort} ${reason}`);
        if (typeof port.port === 'number') {
          const pair = `${port.port}/${typeof port.protocol === 'string' ? port.protocol : 'TCP'}`;
          const first = pairs.get(pair);
          if (first !== undefined) say('/port', `repeats ${pair} of ports[${first}]`);
          else pairs.set(pair, index);
        }
      });
    }
    return violations;
  },
};

/** '/name' when the field is written (empty), '' (the port itself) when it is missing. */
function field(port: Record<string, unknown>, key: string): string {
  return key in port ? `/${key}` : '';
}
