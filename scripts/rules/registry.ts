// The one rule catalogue: every check the toolkit makes, whichever stage makes it. --list-rules, the docs
// table, the configuration (which ids exist, what may be changed), exemptions and the reports all read it.
import { appRules } from './app/index.ts';
import { apiServerRules } from './apiserver/index.ts';
import { BUILT_IN_RULES } from '../lib/built-in-rules.ts';
import type { RuleMeta, RuleStage } from '../lib/rule-meta.ts';
import { crossRules } from './cross/index.ts';
import { selectorImmutable } from './cross/selector-immutable.ts';
import { EXEMPTION_RULES } from './exemptions.ts';
import { gitopsRules } from './gitops/index.ts';
import type { OptionSpecs } from './options.ts';
import { promqlRules } from './promql/index.ts';
import type { RepositoryRule, Rule } from './rule.ts';
import { workloadRules } from './workload/index.ts';

/** Rules evaluated on the resources of one source. */
export const rules: readonly Rule[] = [...workloadRules, ...crossRules, ...promqlRules, ...appRules, ...apiServerRules];

/** Rules evaluated once over every source of the repository (and, with --baseline, its earlier render). */
export const repositoryRules: readonly RepositoryRule[] = [...gitopsRules, selectorImmutable];

/** A catalogue entry: the rule's metadata with the stage that runs it, and the options it reads. */
export interface CatalogueEntry extends RuleMeta {
  options?: OptionSpecs;
}

function entries(stage: RuleStage, list: ReadonlyArray<Rule | RepositoryRule>): CatalogueEntry[] {
  return list.map(({ id, severity, description, fix, kinds, equivalents, mirrors, options, profile }) => ({
    id,
    severity,
    description,
    fix,
    kinds,
    stage,
    // A rule that names no profile: what mirrors an API server validation is refused by every cluster, so it
    // belongs with the schemas; anything else is policy beyond Pod Security, which only `--profile all` runs.
    profile: profile ?? (mirrors ? 'schema' : 'all'),
    ...(equivalents ? { equivalents } : {}),
    ...(mirrors ? { mirrors } : {}),
    ...(options ? { options } : {}),
  }));
}

/** Every check, in the order a run meets them: built-in, per source, whole repository, exemptions. */
export const catalogue: readonly CatalogueEntry[] = [
  ...BUILT_IN_RULES,
  ...entries('source', rules),
  ...entries('repository', repositoryRules),
  ...EXEMPTION_RULES,
];

/** The rules that `rules/*` implement (not the pipeline's built-in checks nor the exemption engine's findings). */
export const allRules: ReadonlyArray<Rule | RepositoryRule> = [...rules, ...repositoryRules];

const byId = new Map(catalogue.map((entry) => [entry.id, entry]));

export function catalogueEntry(id: string): CatalogueEntry | undefined {
  return byId.get(id);
}
