import type { Rule } from '../rule.ts';
import { containerSecurityContext, containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const readOnlyRootFilesystem: Rule = {
  id: 'read-only-root-filesystem',
  severity: 'error',
  description: 'Every container mounts its root filesystem read-only (not part of PSS, but it stops an intruder from changing binaries).',
  fix: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the program must write (e.g. /tmp).',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'no-read-only-root-fs', polaris: 'notReadOnlyRootFilesystem' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) =>
      containerSecurityContext(ref).readOnlyRootFilesystem === true
        ? []
        : [containerViolation(ref, '/securityContext/readOnlyRootFilesystem', 'does not set readOnlyRootFilesystem: true')],
    ),
};
