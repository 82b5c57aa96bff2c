import type { Rule, Violation } from '../rule.ts';
import { podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';

const NAMESPACES = {
  hostNetwork: "the node's network (it can bind node ports and see other pods' traffic)",
  hostPID: "the node's process table",
  hostIPC: "the node's shared memory",
} as const;

export const noHostNamespaces: Rule = {
  id: 'no-host-namespaces',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: "No pod shares the node's network, PID or IPC namespace (PSS baseline).",
  fix: 'Remove hostNetwork, hostPID and hostIPC from the pod spec (or set them to false).',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'host-network, host-pid, host-ipc', polaris: 'hostNetworkSet, hostPIDSet, hostIPCSet' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      for (const [field, what] of Object.entries(NAMESPACES)) {
        if (template.spec[field] === true) violations.push(podViolation(template, `/${field}`, `the pod sets ${field}: true and shares ${what}`));
      }
    }
    return violations;
  },
};
