import type { Rule } from '../rule.ts';
import { POD_SECURITY_KINDS, securityContextViolations, type SecurityContextProblem } from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// PSS baseline (check_windowsHostProcess.go): a HostProcess container runs on the Windows node itself.
function hostProcess(securityContext: Record<string, unknown>): SecurityContextProblem[] {
  return valueAt(securityContext, 'windowsOptions', 'hostProcess') === true ? [{ path: '/windowsOptions/hostProcess', message: 'runs as a HostProcess on the Windows node' }] : [];
}

export const windowsHostProcess: Rule = {
  id: 'windows-host-process',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No pod or container sets windowsOptions.hostProcess: true, which runs it as a process on the Windows node (PSS baseline).',
  fix: 'Remove windowsOptions.hostProcess (or set it to false) on the pod and every container.',
  kinds: POD_SECURITY_KINDS,
  check: (context) => context.index.podTemplates.flatMap((template) => securityContextViolations(template, hostProcess)),
};
