// Runs the whole-repository rules once every source is loaded, with the same configuration and exemptions.
import type { Finding } from '../lib/model.ts';
import { resolveSettings, type RuleConfig } from './config.ts';
import { guardedCheck, violationFinding } from './engine.ts';
import { indexExemptions, type ExemptionIndex } from './exemptions.ts';
import { catalogue, repositoryRules as registeredRules } from './registry.ts';
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
  const knownRules = new Set([...catalogue.map((entry) => entry.id), ...rules.map((rule) => rule.id)]);
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
    const context = { root: options.root, sources: ofKinds(sources, rule.kinds), settings: global.settings, baseline: options.baseline };
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

/**
 * `kinds` enforced on what a repository rule inspects: the GitOps manifests (flux/, argocd/, files given) hold
 * only objects of its kinds. A rendered overlay stays whole: its namespace and its resources as a set are the
 * model the GitOps objects are compared against (and the baseline is the same renders at an earlier ref).
 */
function ofKinds(sources: readonly CheckedSource[], kinds: readonly string[]): CheckedSource[] {
  if (kinds.includes('*')) return [...sources];
  return sources.map((checked) =>
    checked.source.kind === 'kustomization'
      ? checked
      : { ...checked, resources: checked.resources.filter((resource) => kinds.includes(resource.object.kind)) },
  );
}
