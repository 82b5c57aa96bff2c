import type { Rule, Violation } from '../rule.ts';
import { containersOf } from '../resource-index.ts';
import {
  containerSecurityContext,
  containerViolation,
  isWindowsPod,
  podSecurityContext,
  podViolation,
  POD_SECURITY_KINDS,
} from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// PSS "restricted" (check_seccompProfile_restricted.go): RuntimeDefault or Localhost on the pod, or on
// every container; an explicit Unconfined anywhere fails even when the pod sets a good default.
const ALLOWED = new Set(['RuntimeDefault', 'Localhost']);

export const seccompProfile: Rule = {
  id: 'seccomp-profile',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: 'The pod, or every container, uses the RuntimeDefault or Localhost seccomp profile; none is Unconfined.',
  fix: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'linuxHardening (partial)' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      if (isWindowsPod(template)) continue;
      const podType = valueAt(podSecurityContext(template), 'seccompProfile', 'type');
      if (podType !== undefined && !ALLOWED.has(String(podType))) {
        violations.push(podViolation(template, '/securityContext/seccompProfile/type', `the pod uses seccomp profile ${String(podType)}`));
      }
      const podCovers = podType !== undefined && ALLOWED.has(String(podType));
      for (const ref of containersOf(template)) {
        const type = valueAt(containerSecurityContext(ref), 'seccompProfile', 'type');
        if (type !== undefined && !ALLOWED.has(String(type))) {
          violations.push(containerViolation(ref, '/securityContext/seccompProfile/type', `uses seccomp profile ${String(type)}`));
        } else if (type === undefined && !podCovers) {
          violations.push(containerViolation(ref, '/securityContext/seccompProfile', 'has no seccomp profile, and the pod sets none'));
        }
      }
    }
    return violations;
  },
};
