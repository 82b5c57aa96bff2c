import type { Rule, Violation } from '../rule.ts';
import { containersOf } from '../resource-index.ts';
import {
  containerSecurityContext,
  containerViolation,
  isWindowsPod,
  podSecurityContext,
  POD_SECURITY_KINDS,
} from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';
import { SECCOMP_ALLOWED as ALLOWED } from './seccomp-unconfined.ts';

// PSS "restricted" (check_seccompProfile_restricted.go): RuntimeDefault or Localhost on the pod, or on
// every container. An explicit Unconfined is the baseline level's (seccomp-unconfined), reported there.

export const seccompProfile: Rule = {
  id: 'seccomp-profile',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: 'The pod, or every container, sets the RuntimeDefault or Localhost seccomp profile (an explicit Unconfined is seccomp-unconfined, baseline).',
  fix: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'linuxHardening (partial)' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      if (isWindowsPod(template)) continue;
      const podType = valueAt(podSecurityContext(template), 'seccompProfile', 'type');
      const podCovers = podType !== undefined && ALLOWED.has(String(podType));
      for (const ref of containersOf(template)) {
        const type = valueAt(containerSecurityContext(ref), 'seccompProfile', 'type');
        if (type === undefined && !podCovers) {
          const pod = podType === undefined ? 'the pod sets none' : `the pod's is ${String(podType)}`;
          violations.push(containerViolation(ref, '/securityContext/seccompProfile', `has no seccomp profile, and ${pod}`));
        }
      }
    }
    return violations;
  },
};
