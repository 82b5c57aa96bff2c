// The one list of rules: --list-rules, the docs table and the engine all read it.
import type { RepositoryRule, Rule } from './rule.ts';
import { crossRules } from './cross/index.ts';
import { selectorImmutable } from './cross/selector-immutable.ts';
import { gitopsRules } from './gitops/index.ts';
import { workloadRules } from './workload/index.ts';

/** Rules evaluated on the resources of one source. */
export const rules: readonly Rule[] = [...workloadRules, ...crossRules];

/** Rules evaluated once over every source of the repository (and, with --baseline, its earlier render). */
export const repositoryRules: readonly RepositoryRule[] = [...gitopsRules, selectorImmutable];

/** Every rule, for listings and documentation. */
export const allRules: ReadonlyArray<Rule | RepositoryRule> = [...rules, ...repositoryRules];

export function ruleById(id: string): Rule | RepositoryRule | undefined {
  return allRules.find((rule) => rule.id === id);
}
