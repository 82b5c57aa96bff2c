import type { Rule, Violation } from '../rule.ts';
import { containerViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { podSeccompProfiles, SECCOMP_ALLOWED } from './lib/seccomp.ts';

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
    for (const { podType, containers } of podSeccompProfiles(context.index)) {
      if (podType !== undefined && SECCOMP_ALLOWED.has(String(podType))) continue;
      const pod = podType === undefined ? 'the pod sets none' : `the pod's is ${String(podType)}`;
      for (const { ref, type } of containers) {
        if (type === undefined) violations.push(containerViolation(ref, '/securityContext/seccompProfile', `has no seccomp profile, and ${pod}`));
      }
    }
    return violations;
  },
};
