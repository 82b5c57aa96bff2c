import type { Rule, Violation } from '../rule.ts';
import { describe, recordAt } from '../cross/lib/values.ts';

// The API server accepts a budget with neither field, but the disruption controller then wants no pod healthy
// (desiredHealthy 0): every pod it selects may be evicted at once, so the object protects nothing.
export const pdbPolicy: Rule = {
  id: 'pdb-policy',
  severity: 'warning',
  description: 'A PodDisruptionBudget sets minAvailable or maxUnavailable; with neither it allows every pod it selects to be evicted at once.',
  fix: 'Set spec.maxUnavailable (e.g. 1) or spec.minAvailable on the PodDisruptionBudget, or delete it if no pod needs protecting.',
  kinds: ['PodDisruptionBudget'],
  equivalents: { kubeScore: 'poddisruptionbudget-has-policy' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const pdb of context.index.byKind('PodDisruptionBudget')) {
      const spec = recordAt(pdb.object, 'spec') ?? {};
      const has = (key: string) => spec[key] !== undefined && spec[key] !== null;
      if (has('minAvailable') || has('maxUnavailable')) continue;
      violations.push({ resource: pdb, path: recordAt(pdb.object, 'spec') ? '/spec' : '', message: `${describe(pdb)} sets neither minAvailable nor maxUnavailable, so it lets every pod it selects be evicted at once` });
    }
    return violations;
  },
};
