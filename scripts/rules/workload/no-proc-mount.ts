import type { Rule } from '../rule.ts';
import { containerSecurityContext, containerViolation, usesUserNamespace, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';

// PSS baseline (check_procMount.go): only the Default proc mount, except in a user namespace.
export const noProcMount: Rule = {
  id: 'no-proc-mount',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No container unmasks /proc: procMount is unset or Default (PSS baseline).',
  fix: 'Remove securityContext.procMount or set it to Default.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'unsafe-proc-mount' },
  check: (context) =>
    visitContainers(
      context,
      ['containers', 'initContainers', 'ephemeralContainers'],
      (ref) => {
        const procMount = containerSecurityContext(ref).procMount;
        return procMount === undefined || procMount === 'Default'
          ? []
          : [containerViolation(ref, '/securityContext/procMount', `sets procMount: ${String(procMount)}`)];
      },
      (template) => !usesUserNamespace(template),
    ),
};
