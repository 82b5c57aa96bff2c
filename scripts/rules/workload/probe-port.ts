import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt, valueAt } from '../lib/read.ts';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const HANDLERS = ['httpGet', 'tcpSocket', 'grpc'] as const;

interface DeclaredPort {
  name?: string;
  number?: number;
  /** The API default is TCP. */
  protocol: string;
}

export const probePort: Rule = {
  id: 'probe-port',
  severity: 'error',
  description: "A probe's httpGet, tcpSocket or grpc port is a TCP port of its own container (not one it declares only for UDP or SCTP).",
  fix: 'Point the probe at a name or number listed in the container\'s ports with protocol TCP, or declare the port there.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'liveness-port, readiness-port, startup-port', kubeScore: 'pod-probes (partial)' },
  check: (context) =>
    visitContainers(context, ['containers', 'initContainers'], (ref) => {
      const ports: DeclaredPort[] = listAt(ref.container, 'ports')
        .filter(isRecord)
        .map((port) => ({
          name: typeof port.name === 'string' ? port.name : undefined,
          number: typeof port.containerPort === 'number' ? port.containerPort : undefined,
          protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
        }));
      const violations: Violation[] = [];
      for (const probe of PROBES) {
        for (const handler of HANDLERS) {
          const port = valueAt(ref.container, probe, handler, 'port');
          if (port === undefined) continue;
          const at = `/${probe}/${handler}/port`;
          const numeric = typeof port === 'number' ? port : /^\d+$/.test(String(port)) ? Number(port) : undefined;
          const matching = ports.filter((declared) => (numeric === undefined ? declared.name === String(port) : declared.number === numeric));
          const label = numeric === undefined ? `"${String(port)}"` : String(numeric);
          if (matching.length > 0 && !matching.some((declared) => declared.protocol === 'TCP')) {
            // Every probe handler connects over TCP: a port declared only for UDP or SCTP never answers it.
            const protocols = [...new Set(matching.map((declared) => declared.protocol))].join(', ');
            violations.push(containerViolation(ref, at, `${probe} uses port ${label}, which the container declares for ${protocols} only; probes connect over TCP`));
          } else if (numeric === undefined && matching.length === 0) {
            // A named port that does not exist makes the probe fail at run time, every time.
            violations.push(containerViolation(ref, at, `${probe} uses port ${label}, which the container does not name`));
          } else if (numeric !== undefined && matching.length === 0) {
            // A number works without being declared, but the probe then checks a port nothing documents.
            violations.push({
              ...containerViolation(ref, at, `${probe} uses port ${label}, which is not among the container's ports`),
              severity: 'warning',
            });
          }
        }
      }
      return violations;
    }),
};
