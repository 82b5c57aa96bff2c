import type { Rule } from '../rule.ts';

/** Rules that check that resources of one render agree with each other. */
export const crossRules: readonly Rule[] = [];
