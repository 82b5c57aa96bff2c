import type { Rule, Violation } from '../rule.ts';
import { allowedDisruptions, budgetOf, describeBudget, describeFloor, podFloor, workloadsOfPdb } from './lib/disruption.ts';
import { podsMadeOutside } from './lib/outside-render.ts';
import { labelSelector } from './lib/selectors.ts';
import { describe, describeNamespace, namespaceOf, valueAt } from './lib/values.ts';

export const pdbSelector: Rule = {
  id: 'pdb-selector',
  severity: 'error',
  description:
    'A PodDisruptionBudget selects at least one workload in its namespace (or pods an operator makes from a custom resource of the render, or a label set of `external.pods`), and its minAvailable/maxUnavailable (percentages rounded up, as Kubernetes does) still allows an eviction at the replicas the workloads declare; workloads scaled by an HPA are left to pdb-hpa, except maxUnavailable 0, which blocks at any count.',
  fix: 'Make spec.selector match the workload pod labels (or declare pods made outside the render under external.pods), and lower minAvailable below the replica count (or use maxUnavailable: 1).',
  // Every kind: a custom resource (Prometheus, a database cluster) may be what makes the pods.
  kinds: ['*'],
  equivalents: { kubeLinter: 'pdb-min-available', polaris: 'pdbDisruptionsIsZero' },
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const pdb of context.index.byKind('PodDisruptionBudget')) {
      const workloads = workloadsOfPdb(index, pdb);
      if (workloads.length === 0) {
        const selector = valueAt(pdb.object, 'spec', 'selector');
        // A null selector selects nothing in policy/v1: no operator can make that right.
        if (selector !== undefined && selector !== null && podsMadeOutside(context, labelSelector(selector), namespaceOf(pdb))) continue;
        violations.push({
          resource: pdb,
          path: '/spec/selector',
          message: `${describe(pdb)} selects the pods of no workload in namespace ${describeNamespace(namespaceOf(pdb))} in the render; if pods with these labels are made outside the render (an operator, another source), declare them under external.pods`,
        });
        continue;
      }
      const budget = budgetOf(pdb);
      if (!budget) continue;
      // Only a violation names them: a budget over hundreds of workloads usually has none.
      const names = () => workloads.map((w) => `${w.kind} ${w.name}`).join(', ');
      if (budget.field === 'maxUnavailable' && budget.value.value === 0) {
        violations.push({
          resource: pdb,
          path: '/spec/maxUnavailable',
          message: `${describe(pdb)} ${describeBudget(budget)} blocks every voluntary eviction of ${names()}`,
        });
        continue;
      }
      const floor = podFloor(index, workloads);
      if (!floor || floor.some((part) => part.hpa)) continue;
      const pods = floor.reduce((sum, part) => sum + part.pods, 0);
      if (allowedDisruptions(budget, pods) > 0) continue;
      violations.push({
        resource: pdb,
        path: `/spec/${budget.field}`,
        message: `${describe(pdb)} ${describeBudget(budget)} allows no eviction of ${names()} at ${pods} pod(s) (${describeFloor(floor)}): node drains block`,
      });
    }
    return violations;
  },
};
