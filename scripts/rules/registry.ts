// The one list of rules: --list-rules, the docs table and the engine all read it.
import type { Rule } from './rule.ts';
import { crossRules } from './cross/index.ts';
import { workloadRules } from './workload/index.ts';

export const rules: readonly Rule[] = [...workloadRules, ...crossRules];

export function ruleById(id: string): Rule | undefined {
  return rules.find((rule) => rule.id === id);
}
