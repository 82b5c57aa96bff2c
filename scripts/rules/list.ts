// `--list-rules`: one line per rule, in columns, for a terminal.
import { profileOf, type RuleMeta } from '../lib/rule-meta.ts';

export function formatRuleList(rules: readonly Pick<RuleMeta, 'id' | 'severity' | 'description' | 'profile'>[]): string {
  const idWidth = Math.max('RULE'.length, ...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max('SEVERITY'.length, ...rules.map((rule) => rule.severity.length));
  const profileWidth = Math.max('PROFILE'.length, ...rules.map((rule) => profileOf(rule).length));
  const line = (id: string, severity: string, profile: string, description: string) =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${profile.padEnd(profileWidth)}  ${description}`.trimEnd();
  return [line('RULE', 'SEVERITY', 'PROFILE', 'DESCRIPTION'), ...rules.map((rule) => line(rule.id, rule.severity, profileOf(rule), rule.description))]
    .join('\n')
    .concat('\n');
}
