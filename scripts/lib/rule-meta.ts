// What the catalogue knows about every check, whichever stage makes its findings: the pipeline's built-in
// checks, the policy rules, the whole-repository rules and the engine's findings about exemptions.
import type { Severity } from './model.ts';

/** Where a check runs: the pipeline itself, a rule over one source, a rule over the whole repository, the exemption engine. */
export type RuleStage = 'built-in' | 'source' | 'repository' | 'exemption';

/**
 * What the configuration may change: `all` (severity and `off`), `severity` (a check that must never be
 * silenced, such as a failed render, can still be lowered to a warning), `none` (about the command's own input).
 */
export type Configurable = 'all' | 'severity' | 'none';

export interface RuleMeta {
  /** Stable kebab-case id, used in configuration, exemptions and reports. */
  id: string;
  severity: Severity;
  /** One line: what the rule checks. */
  description: string;
  /** One sentence: how to fix a violation. */
  fix: string;
  /** The kinds the rule reads ('*' for all); the engine hands the rule only resources of these kinds. */
  kinds: readonly string[];
  stage: RuleStage;
  /** Default `all`. */
  configurable?: Configurable;
  /** Whether an `ignore-check.openclaw.dev/<id>` annotation can excuse a finding (default: true). */
  exemptable?: boolean;
  /** The nearest check in other tools, so users can map their configuration. */
  equivalents?: { kubeLinter?: string; polaris?: string };
  /**
   * The Kubernetes validation the check mirrors (a function of k8s.io/kubernetes pkg/apis/<group>/validation or of
   * k8s.io/apimachinery), for checks of what the API server itself rejects; the generated docs cite it.
   */
  mirrors?: string;
}

export function configurableOf(rule: Pick<RuleMeta, 'configurable'>): Configurable {
  return rule.configurable ?? 'all';
}
