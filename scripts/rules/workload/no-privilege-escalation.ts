import type { Rule } from '../rule.ts';
import { containerSecurityContext, containerViolation, isWindowsPod, visitContainers, POD_SECURITY_KINDS } from './lib/containers.ts';

// PSS "restricted" (check_allowPrivilegeEscalation.go): the field must be explicitly false, because unset
// means true for a process started without no_new_privs.
export const noPrivilegeEscalation: Rule = {
  id: 'no-privilege-escalation',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: 'Every container, init and ephemeral ones included, sets allowPrivilegeEscalation: false explicitly.',
  fix: 'Set securityContext.allowPrivilegeEscalation: false on every container (it cannot be set on the pod).',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'privilege-escalation-container', polaris: 'privilegeEscalationAllowed' },
  check: (context) =>
    visitContainers(
      context,
      ['containers', 'initContainers', 'ephemeralContainers'],
      (ref) => {
        const value = containerSecurityContext(ref).allowPrivilegeEscalation;
        if (value === false) return [];
        const message = value === undefined ? 'does not set allowPrivilegeEscalation: false (unset allows it)' : `sets allowPrivilegeEscalation: ${String(value)}`;
        return [containerViolation(ref, '/securityContext/allowPrivilegeEscalation', message)];
      },
      (template) => !isWindowsPod(template),
    ),
};
