// Runs the catalogue's rules over the resources of one source and turns what they report into findings.
import type { Finding, Resource, Severity } from '../lib/model.ts';
import { findingAt } from '../lib/model.ts';
import { ConfigError } from '../lib/cli/config-error.ts';
import { resolveSettings, type RuleConfig, type RuleSetting } from './config.ts';
import { exemptionRuleOf, indexExemptions } from './exemptions.ts';
import { catalogue, rules as registeredRules } from './registry.ts';
import { buildIndex, type ResourceIndex } from './resource-index.ts';
import type { Rule, RuleContext, Violation } from './rule.ts';

export interface EvaluateOptions {
  source: string;
  config: RuleConfig;
  /** The rules to run; the registry unless a test gives its own. */
  rules?: readonly Rule[];
  /** The run's target Kubernetes version, for rules whose verdict changed between releases. */
  kubernetesVersion?: string;
}

export function evaluateRules(resources: readonly Resource[], options: EvaluateOptions): Finding[] {
  const rules = options.rules ?? registeredRules;
  const resolved = resolveSettings(options.config, options.source);
  const views = new KindViews(resources);
  const exemptions = indexExemptions(resources, {
    // Every id of the catalogue can be exempted on these resources: repository rules and built-in checks too.
    knownRules: new Set([...catalogue.map((entry) => entry.id), ...rules.map((rule) => rule.id)]),
    allowExemptions: resolved.allowExemptions,
  });
  const findings: Finding[] = [];

  for (const rule of rules) {
    const setting = resolved.rules[rule.id];
    if (setting === 'off') continue;
    const view = views.of(rule.kinds);
    const context: RuleContext = {
      source: options.source,
      resources: view.resources,
      index: view.index,
      settings: resolved.settings,
      ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    };
    const outcome = guardedCheck(rule.id, options.source, () => rule.check(context));
    if (!Array.isArray(outcome)) {
      findings.push(outcome);
      continue;
    }
    for (const violation of outcome) {
      if (exemptions.exempts(rule.id, violation)) continue;
      findings.push(violationFinding(rule, violation, setting));
    }
  }

  for (const problem of exemptions.problems) {
    const setting = resolved.rules[problem.rule];
    if (setting === 'off') continue;
    const definition = exemptionRuleOf(problem.rule);
    findings.push(
      findingAt(
        problem.resource,
        { rule: problem.rule, severity: severityOf(setting, definition.severity), message: problem.message, fix: definition.fix },
        problem.path,
      ),
    );
  }
  return findings;
}

/** `kinds` enforced: a rule sees only the resources of the kinds it declares, indexed once per distinct list. */
export class KindViews {
  private readonly views = new Map<string, { resources: readonly Resource[]; index: ResourceIndex }>();
  /** Positions in `all` by kind, made once: a view is then its kinds' positions merged, not a scan of `all`. */
  private positions?: Map<string, number[]>;
  constructor(private readonly all: readonly Resource[]) {}

  of(kinds: readonly string[]): { resources: readonly Resource[]; index: ResourceIndex } {
    const key = kinds.includes('*') ? '*' : [...kinds].sort().join(',');
    let view = this.views.get(key);
    if (!view) {
      const resources = key === '*' ? this.all : this.ofKinds(kinds);
      this.views.set(key, (view = { resources, index: buildIndex(resources) }));
    }
    return view;
  }

  /** The resources of these kinds in the order of `all`. */
  private ofKinds(kinds: readonly string[]): Resource[] {
    if (!this.positions) {
      this.positions = new Map();
      this.all.forEach((resource, at) => {
        const list = this.positions!.get(resource.object.kind);
        if (list) list.push(at);
        else this.positions!.set(resource.object.kind, [at]);
      });
    }
    const lists = [...new Set(kinds)].flatMap((kind) => this.positions!.get(kind) ?? []);
    const order = Int32Array.from(lists).sort();
    return Array.from(order, (at) => this.all[at]!);
  }
}

/** A rule that throws becomes one error finding: one broken rule must not hide what the others find. */
export function guardedCheck(ruleId: string, source: string, check: () => Violation[]): Violation[] | Finding {
  try {
    return check();
  } catch (error) {
    // A configuration that turns out unusable (an app schema read on first use) stops the run, as at start.
    if (error instanceof ConfigError) throw error;
    return {
      rule: ruleId,
      severity: 'error',
      message: `internal error in rule ${ruleId}: ${error instanceof Error ? error.message : String(error)}`,
      source,
    };
  }
}

export function violationFinding(
  rule: Pick<Rule, 'id' | 'severity' | 'fix'>,
  violation: Violation,
  setting: RuleSetting | undefined,
): Finding {
  return findingAt(
    violation.resource,
    { rule: rule.id, severity: severityOf(setting, violation.severity ?? rule.severity), message: violation.message, fix: rule.fix },
    violation.path,
  );
}

/** The configuration's severity wins over the rule's (and the violation's): it is the user's explicit choice. */
export function severityOf(setting: RuleSetting | undefined, fallback: Severity): Severity {
  return setting === 'error' || setting === 'warning' ? setting : fallback;
}
