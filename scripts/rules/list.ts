// `--list-rules`: one line per rule, in columns, for a terminal.
import type { RuleMeta } from '../lib/rule-meta.ts';

export function formatRuleList(rules: readonly Pick<RuleMeta, 'id' | 'severity' | 'description'>[]): string {
  const idWidth = Math.max('RULE'.length, ...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max('SEVERITY'.length, ...rules.map((rule) => rule.severity.length));
  const line = (id: string, severity: string, description: string) =>
    `${id.padEnd(idWidth)}  ${severity.padEnd(severityWidth)}  ${description}`.trimEnd();
  return [line('RULE', 'SEVERITY', 'DESCRIPTION'), ...rules.map((rule) => line(rule.id, rule.severity, rule.description))]
    .join('\n')
    .concat('\n');
}
