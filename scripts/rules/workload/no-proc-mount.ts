import type { Rule } from '../rule.ts';
import { containerSecurityContext, containerViolation, POD_SECURITY_KINDS, visitContainers } from './lib/containers.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

// PSS restricted (check_procMount_restricted.go, policy 1.35): only the Default proc mount, in every pod.
// Baseline relaxes this for pods in a user namespace (hostUsers: false) from 1.35; restricted never does,
// and before 1.35 the relaxation sat behind an alpha feature gate, so no pod is skipped here.
export const noProcMount: Rule = {
  id: 'no-proc-mount',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No container unmasks /proc: procMount is unset or Default, also in pods with hostUsers: false (PSS restricted).',
  fix: 'Remove securityContext.procMount or set it to Default.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'unsafe-proc-mount' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      const procMount = containerSecurityContext(ref).procMount;
      return procMount === undefined || procMount === 'Default'
        ? []
        : [containerViolation(ref, '/securityContext/procMount', `sets procMount: ${String(procMount)}`)];
    }),
};
