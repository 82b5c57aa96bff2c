import type { Rule, Violation } from '../rule.ts';
import { describe, numberAt } from '../cross/lib/values.ts';

// Without startingDeadlineSeconds a CronJob whose controller was down (or whose schedule was missed for any
// reason) counts every missed run since the last one; after 100 it stops scheduling the job for good.
export const cronjobDeadline: Rule = {
  id: 'cronjob-deadline',
  severity: 'warning',
  description: 'A CronJob sets startingDeadlineSeconds, so that missed runs are skipped instead of counted towards the 100 that stop the CronJob.',
  fix: 'Set spec.startingDeadlineSeconds to how late a run may still start (e.g. 300, shorter than the schedule interval).',
  kinds: ['CronJob'],
  equivalents: { kubeScore: 'cronjob-has-deadline' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const cronJob of context.index.byKind('CronJob')) {
      if (numberAt(cronJob.object, 'spec', 'startingDeadlineSeconds') !== undefined) continue;
      violations.push({ resource: cronJob, path: '/spec', message: `${describe(cronJob)} sets no startingDeadlineSeconds` });
    }
    return violations;
  },
};
