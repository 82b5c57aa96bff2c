import type { Rule, Violation } from '../rule.ts';
import { containerViolation, POD_SECURITY_KINDS, visitContainers } from './lib/containers.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { valueAt } from '../lib/read.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

// PSS baseline from policy version 1.34 (check_hostProbesAndhostLifecycle.go): a probe or lifecycle handler
// with a `host` makes the kubelet connect to any address it names, from the node's network.
const HANDLERS = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
] as const;
const ACTIONS = ['httpGet', 'tcpSocket'] as const;

export const probeHost: Rule = {
  id: 'probe-host',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No probe or lifecycle handler (httpGet, tcpSocket) sets host: the kubelet would connect from the node to any address (PSS baseline, Kubernetes 1.34+).',
  fix: 'Remove host from the probe or handler so that it checks the pod itself (set an HTTP Host header with httpHeaders if the application needs one).',
  kinds: POD_SECURITY_KINDS,
  check: (context) => {
    if (!targetsAtLeast(context, '1.34')) return [];
    return visitContainers(context, CONTAINER_LISTS, (ref) => {
      const violations: Violation[] = [];
      for (const handler of HANDLERS) {
        for (const action of ACTIONS) {
          const host = valueAt(ref.container, ...handler, action, 'host');
          if (host === undefined || host === '') continue;
          violations.push(containerViolation(ref, `/${handler.join('/')}/${action}/host`, `${handler.join('.')} ${action} connects to host ${String(host)}`));
        }
      }
      return violations;
    });
  },
};
