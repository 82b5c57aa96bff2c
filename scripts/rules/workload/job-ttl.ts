import type { Rule, Violation } from '../rule.ts';
import { describe, numberAt } from '../cross/lib/values.ts';

// A finished Job and its pods stay until deleted. A CronJob's Jobs are pruned by its history limits; a
// standalone Job is pruned only by ttlSecondsAfterFinished. GitOps tools that own the Job (Argo CD hooks with a
// delete policy) clean it up themselves, which the hook annotation says.
const HOOK_DELETE = 'argocd.argoproj.io/hook-delete-policy';

export const jobTtl: Rule = {
  id: 'job-ttl',
  severity: 'warning',
  description: 'A standalone Job sets ttlSecondsAfterFinished (or an Argo CD hook-delete-policy), so that finished Jobs and their pods are removed.',
  fix: 'Set spec.ttlSecondsAfterFinished (e.g. 86400) on the Job.',
  kinds: ['Job'],
  equivalents: { kubeLinter: 'job-ttl-seconds-after-finished' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const job of context.index.byKind('Job')) {
      if (numberAt(job.object, 'spec', 'ttlSecondsAfterFinished') !== undefined) continue;
      if (job.object.metadata?.annotations?.[HOOK_DELETE] !== undefined) continue;
      violations.push({ resource: job, path: '/spec', message: `${describe(job)} sets no ttlSecondsAfterFinished: it and its pods stay after it finishes` });
    }
    return violations;
  },
};
