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

/**
 * How much of the catalogue a run applies, so a team can adopt the gate step by step; each profile holds
 * the ones before it. `schema`: reading, rendering, schemas and the API server's own checks; `baseline`:
 * plus the Pod Security Standards' baseline level; `restricted`: plus its restricted level; `all`: every check.
 */
export const PROFILES = ['schema', 'baseline', 'restricted', 'all'] as const;
export type Profile = (typeof PROFILES)[number];

/**
 * The profile of a repository whose configuration names none. A platform team adopting the gate on an
 * existing repository wants its first run to fail only on what is broken or dangerous: manifests that do
 * not parse, render or match their schemas, and what Pod Security baseline forbids everywhere (privileged
 * pods, host namespaces, hostPath, host ports, unsafe sysctls). The restricted level and the opinionated
 * policies (probes, resources, image pinning, labels, cross-resource and GitOps wiring) fail most existing
 * repositories on day one; they are a step the team takes by naming a profile.
 */
export const DEFAULT_PROFILE: Profile = 'baseline';

/** Whether a check whose lowest profile is `lowest` runs under `selected`. */
export function inProfile(lowest: Profile, selected: Profile): boolean {
  return PROFILES.indexOf(lowest) <= PROFILES.indexOf(selected);
}

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
  /** The lowest profile the check belongs to (default `all`: opinionated policy, not a Pod Security level). */
  profile?: Profile;
  /** Default `all`. */
  configurable?: Configurable;
  /** Whether an `ignore-check.openclaw.dev/<id>` annotation can excuse a finding (default: true). */
  exemptable?: boolean;
  /** The nearest check in other tools, so users can map their configuration. */
  equivalents?: { kubeLinter?: string; polaris?: string; kubeScore?: string };
  /**
   * The Kubernetes validation the check mirrors (a function of k8s.io/kubernetes pkg/apis/<group>/validation or of
   * k8s.io/apimachinery), for checks of what the API server itself rejects; the generated docs cite it.
   */
  mirrors?: string;
}

export function profileOf(rule: Pick<RuleMeta, 'profile'>): Profile {
  return rule.profile ?? 'all';
}

export function configurableOf(rule: Pick<RuleMeta, 'configurable'>): Configurable {
  return rule.configurable ?? 'all';
}
