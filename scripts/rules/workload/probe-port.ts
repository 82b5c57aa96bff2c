import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt, valueAt } from '../lib/read.ts';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

export const probePort: Rule = {
  id: 'probe-port',
  severity: 'error',
  description: "A probe's httpGet, tcpSocket or grpc port is a port of its own container.",
  fix: 'Point the probe at a name or number listed in the container\'s ports, or declare the port there.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'liveness-port, readiness-port, startup-port' },
  check: (context) =>
    visitContainers(context, ['containers', 'initContainers'], (ref) => {
      const ports = listAt(ref.container, 'ports').filter(isRecord);
      const names = new Set(ports.map((port) => port.name).filter((name): name is string => typeof name === 'string'));
      const numbers = new Set(ports.map((port) => port.containerPort).filter((port): port is number => typeof port === 'number'));
      const violations: Violation[] = [];
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = valueAt(ref.container, probe, handler, 'port');
          if (port === undefined) continue;
          const at = `/${probe}/${handler}/port`;
          const numeric = typeof port === 'number' ? port : /^\d+$/.test(String(port)) ? Number(port) : undefined;
          if (numeric === undefined && !names.has(String(port))) {
            // A named port that does not exist makes the probe fail at run time, every time.
            violations.push(containerViolation(ref, at, `${probe} uses port "${String(port)}", which the container does not name`));
          } else if (numeric !== undefined && !numbers.has(numeric)) {
            // A number works without being declared, but the probe then checks a port nothing documents.
            violations.push({
              ...containerViolation(ref, at, `${probe} uses port ${numeric}, which is not among the container's ports`),
              severity: 'warning',
            });
          }
        }
      }
      return violations;
    }),
};
