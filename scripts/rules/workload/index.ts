import type { Rule } from '../rule.ts';

/** Rules that read one workload (pod template) or one object at a time. */
export const workloadRules: readonly Rule[] = [];
