import type { Rule, Violation } from '../rule.ts';
import { containerSecurityContext, containerViolation, visitContainers, POD_SECURITY_KINDS } from './lib/containers.ts';
import { recordAt } from '../lib/read.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

// PSS "baseline" (check_capabilities_baseline.go): a container may add back only capabilities of the
// runtime's default set. Adding any of these but NET_BIND_SERVICE is left to drop-all-capabilities
// (restricted), so no capability is reported twice.
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

export const addedCapabilities: Rule = {
  id: 'added-capabilities',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No container adds a capability outside the runtime default set (AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT).',
  fix: 'Remove the capability from securityContext.capabilities.add, or exempt the workload with the reason it needs it.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'dangerousCapabilities' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      const added = recordAt(containerSecurityContext(ref), 'capabilities')?.add;
      const violations: Violation[] = [];
      (Array.isArray(added) ? added : []).forEach((capability, index) => {
        if (typeof capability === 'string' && BASELINE_CAPABILITIES.has(capability)) return;
        violations.push(containerViolation(ref, `/securityContext/capabilities/add/${index}`, `adds capability ${String(capability)}, outside the runtime default set`));
      });
      return violations;
    }),
};
