// Container ports as the API server validates them. Mirrors k8s.io/kubernetes pkg/apis/core/validation
// validateContainerPorts: a name is an IANA_SVC_NAME (IsValidPortName) unique within the container,
// containerPort is required and in 1-65535 (IsValidPortNum), a hostPort other than 0 too. The API reference
// asks for names unique within the pod, which the server does not enforce: a name repeated in another
// container is a warning (a Service's named targetPort would be ambiguous). Probe and lifecycle-handler ports
// are a port number or such a name (ValidatePortNumOrName in validateHTTPGetAction / validateTCPSocketAction).
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt, valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, violation } from './lib/common.ts';
import { containerEntries, describeContainer, podSpecs, type ContainerEntry } from './lib/pod-specs.ts';
import { portName, portNumber } from './lib/syntax.ts';

/** Where a container names a port of its own: probes and lifecycle handlers (httpGet and tcpSocket). */
const HANDLERS: readonly string[][] = ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle/postStart', 'lifecycle/preStop'].flatMap((owner) =>
  ['httpGet', 'tcpSocket'].map((action) => [...owner.split('/'), action, 'port']),
);

export const containerPorts: Rule = {
  id: 'container-ports',
  severity: 'error',
  description:
    "Container port names are IANA service names (at most 15 lower-case letters, digits and '-', at least one letter, no '-' at an end nor '--') and unique within the container, warned when repeated in another container of the pod; containerPort is set and from 1 to 65535, hostPort 0 or from 1 to 65535; probe and lifecycle-handler ports are a port number or such a name.",
  fix: "Shorten or rename the port (e.g. 'metrics', 'http-admin') and keep each name once per pod; give containerPort the port the process listens on.",
  kinds: POD_SPEC_KINDS,
  mirrors: '`validateContainerPorts` (pkg/apis/core/validation) with `IsValidPortName` and `IsValidPortNum` (k8s.io/apimachinery pkg/util/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const pod of podSpecs(context.resources)) {
      const podNames = new Map<string, ContainerEntry>();
      for (const entry of containerEntries(pod)) {
        const own = new Set<string>();
        listAt(entry.container, 'ports').forEach((port, index) => {
          if (!isRecord(port)) return;
          const at = `${entry.path}${pointer('ports', index)}`;
          const say = (message: string) => `${describeContainer(entry)} ports[${index}] ${message}`;
          const found = (field: string, message: string, extra: Partial<Violation> = {}) =>
            violations.push(violation(pod.resource, `${at}/${field}`, say(message), { ...(entry.name ? { container: entry.name } : {}), ...extra }));
          if (typeof port.name === 'string' && port.name !== '') {
            const problems = portName(port.name);
            for (const reason of problems) found('name', `name "${port.name}" ${reason}`);
            if (problems.length === 0) {
              const other = podNames.get(port.name);
              if (own.has(port.name)) found('name', `repeats the port name "${port.name}" of the same container`);
              else if (other) found('name', `repeats the port name "${port.name}" of ${describeContainer(other)}`, { severity: 'warning' });
              own.add(port.name);
              if (!other) podNames.set(port.name, entry);
            }
          }
          if (port.containerPort === 0) found('containerPort', 'has containerPort 0; a port from 1 to 65535 is required');
          else if (typeof port.containerPort === 'number') for (const reason of portNumber(port.containerPort)) found('containerPort', `containerPort ${port.containerPort} ${reason}`);
          if (typeof port.hostPort === 'number' && port.hostPort !== 0) {
            for (const reason of portNumber(port.hostPort)) found('hostPort', `hostPort ${port.hostPort} ${reason}`);
          }
        });
        for (const handler of HANDLERS) {
          const value = valueAt(entry.container, ...handler);
          const problems = typeof value === 'string' ? portName(value) : typeof value === 'number' ? portNumber(value) : [];
          for (const reason of problems) {
            violations.push(
              violation(pod.resource, `${entry.path}${pointer(...handler)}`, `${describeContainer(entry)} ${handler.slice(0, -1).join('.')} port ${JSON.stringify(value)} ${reason}`, entry.name ? { container: entry.name } : {}),
            );
          }
        }
      }
    }
    return violations;
  },
};
