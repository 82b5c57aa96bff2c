import type { Rule } from '../rule.ts';
import { containerSecurityContext, containerViolation, visitContainers, POD_SECURITY_KINDS } from './lib/containers.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const noPrivileged: Rule = {
  id: 'no-privileged',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No container runs privileged (PSS baseline).',
  fix: 'Remove securityContext.privileged: true; grant the one capability the container needs instead, with an exemption.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'privileged-container', polaris: 'runAsPrivileged' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) =>
      containerSecurityContext(ref).privileged === true
        ? [containerViolation(ref, '/securityContext/privileged', 'runs privileged: it has every capability and all host devices')]
        : [],
    ),
};
