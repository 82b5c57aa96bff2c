// The rules a report talks about: the ones the CLI says ran (the catalogue), the pipeline's built-in checks, and any other id
// that appears in a finding (so SARIF results never reference a rule the run does not describe).
import type { Finding } from '../model.ts';
import { BUILT_IN_RULES as BUILT_IN_ENTRIES } from '../built-in-rules.ts';
import type { RuleInfo } from './options.ts';

/** Checks the pipeline itself performs before any policy rule runs: the fallback when the CLI gives no list. */
export const BUILT_IN_RULES: readonly RuleInfo[] = BUILT_IN_ENTRIES.map(({ id, severity, description, fix }) => ({ id, severity, description, fix }));

/**
 * Every rule by id, sorted by id. The CLI's descriptions win over the built-in ones; an id known only from
 * findings gets a placeholder description because SARIF consumers reject empty ones.
 */
export function ruleCatalog(given: readonly RuleInfo[] | undefined, findings: readonly Finding[]): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  for (const rule of BUILT_IN_RULES) byId.set(rule.id, rule);
  for (const rule of given ?? []) byId.set(rule.id, rule);
  for (const finding of findings) {
    if (!byId.has(finding.rule)) {
      byId.set(finding.rule, {
        id: finding.rule,
        severity: finding.severity,
        description: `Findings reported as ${finding.rule}.`,
        fix: finding.fix ?? 'See the message of each finding.',
      });
    }
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
