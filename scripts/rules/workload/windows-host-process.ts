import type { Rule, Violation } from '../rule.ts';
import { containersOf } from '../resource-index.ts';
import {
  containerSecurityContext,
  containerViolation,
  podSecurityContext,
  podViolation,
  POD_SECURITY_KINDS,
} from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// PSS baseline (check_windowsHostProcess.go): a HostProcess container runs on the Windows node itself.
export const windowsHostProcess: Rule = {
  id: 'windows-host-process',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No pod or container sets windowsOptions.hostProcess: true, which runs it as a process on the Windows node (PSS baseline).',
  fix: 'Remove windowsOptions.hostProcess (or set it to false) on the pod and every container.',
  kinds: POD_SECURITY_KINDS,
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      if (valueAt(podSecurityContext(template), 'windowsOptions', 'hostProcess') === true) {
        violations.push(podViolation(template, '/securityContext/windowsOptions/hostProcess', 'the pod runs as a HostProcess on the Windows node'));
      }
      for (const ref of containersOf(template)) {
        if (valueAt(containerSecurityContext(ref), 'windowsOptions', 'hostProcess') === true) {
          violations.push(containerViolation(ref, '/securityContext/windowsOptions/hostProcess', 'runs as a HostProcess on the Windows node'));
        }
      }
    }
    return violations;
  },
};
