// Runs the whole-repository rules once every source is loaded, with the same configuration and exemptions.
import type { Finding } from '../lib/model.ts';
import { resolveSettings, type RuleConfig } from './config.ts';
import { guardedCheck, violationFinding } from './engine.ts';
import { ENGINE_RULE_IDS, indexExemptions, type ExemptionIndex } from './exemptions.ts';
import { allRules, repositoryRules as registeredRules } from './registry.ts';
import type { Baseline, CheckedSource, RepositoryRule } from './rule.ts';

export interface RepositoryEvaluateOptions {
  root: string;
  config: RuleConfig;
  baseline?: Baseline;
  rules?: readonly RepositoryRule[];
}

/** The repository as a whole has no source name; its settings are the configuration's global layer. */
const REPOSITORY = '.';

export function evaluateRepositoryRules(sources: readonly CheckedSource[], options: RepositoryEvaluateOptions): Finding[] {
  const rules = options.rules ?? registeredRules;
  const global = resolveSettings(options.config, REPOSITORY);
  const context = { root: options.root, sources, settings: global.settings, baseline: options.baseline };
  const knownRules = new Set([...allRules.map((rule) => rule.id), ...ENGINE_RULE_IDS]);
  // Exemption problems are reported by the per-source engine; here they only excuse violations.
  const exemptions = new Map<string, ExemptionIndex>(
    sources.map((checked) => [
      checked.source.name,
      indexExemptions(checked.resources, {
        knownRules,
        allowExemptions: resolveSettings(options.config, checked.source.name).allowExemptions,
      }),
    ]),
  );
  const findings: Finding[] = [];
  for (const rule of rules) {
    if (global.rules[rule.id] === 'off') continue;
    const outcome = guardedCheck(rule.id, REPOSITORY, () => rule.check(context));
    if (!Array.isArray(outcome)) {
      findings.push(outcome);
      continue;
    }
    for (const violation of outcome) {
      const source = violation.resource.source;
      const setting = resolveSettings(options.config, source).rules[rule.id];
      if (setting === 'off' || exemptions.get(source)?.exempts(rule.id, violation)) continue;
      findings.push(violationFinding(rule, violation, setting));
    }
  }
  return findings;
}
