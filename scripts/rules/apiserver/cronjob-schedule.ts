// A CronJob's schedule and time zone as the API server validates them on create. Mirrors k8s.io/kubernetes
// pkg/apis/batch/validation validateScheduleFormat (cron.ParseStandard; since 1.29 any "TZ" in the schedule is
// refused on create, in favour of spec.timeZone) and validateTimeZone (not empty, not "Local", IANA name syntax;
// whether the zone exists depends on the API server's tz database, so it is not judged here).
import { leftToSubstitution } from './lib/syntax.ts';
import { cronProblem } from './lib/cron.ts';
import { stringAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';

/** One component of an IANA zone name (legacy names may hold digits and '+'). */
const ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export const cronjobSchedule: Rule = {
  id: 'cronjob-schedule',
  severity: 'error',
  description:
    "A CronJob's schedule is five cron fields within their ranges (minute 0-59, hour 0-23, day 1-31, month 1-12 or JAN-DEC, weekday 0-6 or SUN-SAT) or a descriptor (@hourly, @daily, `@every 1h`, ...), without a TZ= or CRON_TZ= prefix (1.29+: use spec.timeZone); a timeZone is an IANA name, not empty nor Local.",
  fix: "Write the schedule as five cron fields (e.g. '0 3 * * *', Sunday is 0) or a descriptor, and move a TZ=/CRON_TZ= prefix to spec.timeZone (e.g. Europe/Paris).",
  kinds: ['CronJob'],
  mirrors: '`validateScheduleFormat` and `validateTimeZone` (pkg/apis/batch/validation), with `cron.ParseStandard` (github.com/robfig/cron/v3)',
  check(context) {
    const violations: Violation[] = [];
    const refusesTZ = targetsAtLeast(context, '1.29');
    for (const resource of context.resources) {
      const schedule = stringAt(resource.object, 'spec', 'schedule');
      if (schedule !== undefined && !leftToSubstitution(schedule)) {
        const problem = cronProblem(schedule);
        if (problem) violations.push(violation(resource, '/spec/schedule', `the schedule "${schedule}" ${problem}`));
        if (refusesTZ && schedule.includes('TZ')) {
          violations.push(violation(resource, '/spec/schedule', `the schedule "${schedule}" names a time zone; the API server refuses TZ and CRON_TZ in a new schedule: set spec.timeZone`));
        }
      }
      const zone = stringAt(resource.object, 'spec', 'timeZone');
      if (zone !== undefined && !leftToSubstitution(zone)) {
        const problem = zoneProblem(zone);
        if (problem) violations.push(violation(resource, '/spec/timeZone', `timeZone "${zone}" ${problem}`));
      }
    }
    return violations;
  },
};

function zoneProblem(zone: string): string | undefined {
  if (zone === '') return 'is empty; leave timeZone out for the controller manager\'s zone';
  if (zone.toLowerCase() === 'local') return 'is not an explicit time zone; name one such as Etc/UTC';
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !ZONE_PART.test(part)) return 'is not an IANA time zone name (e.g. Europe/Paris)';
  }
  return undefined;
}
