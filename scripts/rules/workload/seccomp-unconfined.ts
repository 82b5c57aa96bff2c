import type { Rule, Violation } from '../rule.ts';
import { containersOf } from '../resource-index.ts';
import { containerSecurityContext, containerViolation, isWindowsPod, podSecurityContext, podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// PSS "baseline" (check_seccompProfile_baseline.go): a seccomp profile may be left unset, but one that is set
// must be RuntimeDefault or Localhost. Requiring one to be set is the restricted level (seccomp-profile).
export const SECCOMP_ALLOWED: ReadonlySet<string> = new Set(['RuntimeDefault', 'Localhost']);

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
    for (const template of context.index.podTemplates) {
      if (isWindowsPod(template)) continue;
      const podType = valueAt(podSecurityContext(template), 'seccompProfile', 'type');
      if (podType !== undefined && !SECCOMP_ALLOWED.has(String(podType))) {
        violations.push(podViolation(template, '/securityContext/seccompProfile/type', `the pod uses seccomp profile ${String(podType)}`));
      }
      for (const ref of containersOf(template)) {
        const type = valueAt(containerSecurityContext(ref), 'seccompProfile', 'type');
        if (type !== undefined && !SECCOMP_ALLOWED.has(String(type))) {
          violations.push(containerViolation(ref, '/securityContext/seccompProfile/type', `uses seccomp profile ${String(type)}`));
        }
      }
    }
    return violations;
  },
};
