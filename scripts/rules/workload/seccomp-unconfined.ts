import type { Rule, Violation } from '../rule.ts';
import { containerViolation, podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { podSeccompProfiles, refusedProfile } from './lib/seccomp.ts';

// PSS "baseline" (check_seccompProfile_baseline.go): a seccomp profile may be left unset, but one that is set
// must be RuntimeDefault or Localhost. Requiring one to be set is the restricted level (seccomp-profile).
export const seccompUnconfined: Rule = {
  id: 'seccomp-unconfined',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No pod or container sets a seccomp profile other than RuntimeDefault or Localhost (Unconfined turns the filter off).',
  fix: 'Set securityContext.seccompProfile.type to RuntimeDefault, or remove it.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'linuxHardening (partial)' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const { template, podType, containers } of podSeccompProfiles(context.index)) {
      if (refusedProfile(podType)) {
        violations.push(podViolation(template, '/securityContext/seccompProfile/type', `the pod uses seccomp profile ${String(podType)}`));
      }
      for (const { ref, type } of containers) {
        if (refusedProfile(type)) violations.push(containerViolation(ref, '/securityContext/seccompProfile/type', `uses seccomp profile ${String(type)}`));
      }
    }
    return violations;
  },
};
