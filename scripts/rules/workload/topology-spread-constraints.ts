import type { Rule, Violation } from '../rule.ts';
import { labelSelector, matches } from '../cross/lib/selectors.ts';
import { isRecord, listAt } from '../lib/read.ts';
import { podViolation, WORKLOAD_KINDS } from './lib/containers.ts';
import type { PodTemplate } from '../resource-index.ts';

const WHEN_UNSATISFIABLE = new Set(['DoNotSchedule', 'ScheduleAnyway']);

/** What the API server refuses (validateTopologySpreadConstraints in pkg/apis/core/validation). */
function invalid(constraint: Record<string, unknown>, seen: Set<string>): Array<{ field: string; message: string }> {
  const out: Array<{ field: string; message: string }> = [];
  const { maxSkew, topologyKey, whenUnsatisfiable, minDomains } = constraint;
  if (!Number.isInteger(maxSkew) || (maxSkew as number) < 1) out.push({ field: 'maxSkew', message: `maxSkew ${String(maxSkew)} must be an integer of at least 1` });
  if (typeof topologyKey !== 'string' || topologyKey === '') out.push({ field: 'topologyKey', message: 'topologyKey must be set' });
  if (typeof whenUnsatisfiable !== 'string' || !WHEN_UNSATISFIABLE.has(whenUnsatisfiable)) {
    out.push({ field: 'whenUnsatisfiable', message: `whenUnsatisfiable ${String(whenUnsatisfiable)} must be DoNotSchedule or ScheduleAnyway` });
  }
  if (minDomains !== undefined) {
    if (!Number.isInteger(minDomains) || (minDomains as number) < 1) out.push({ field: 'minDomains', message: `minDomains ${String(minDomains)} must be an integer of at least 1` });
    else if (whenUnsatisfiable !== 'DoNotSchedule') out.push({ field: 'minDomains', message: 'minDomains is allowed only with whenUnsatisfiable: DoNotSchedule' });
  }
  const pair = `${String(topologyKey)}\u0000${String(whenUnsatisfiable)}`;
  if (seen.has(pair)) out.push({ field: 'topologyKey', message: `a second constraint with topologyKey ${String(topologyKey)} and whenUnsatisfiable ${String(whenUnsatisfiable)}` });
  seen.add(pair);
  return out;
}

function check(template: PodTemplate): Violation[] {
  const violations: Violation[] = [];
  const seen = new Set<string>();
  listAt(template.spec, 'topologySpreadConstraints').forEach((constraint, index) => {
    if (!isRecord(constraint)) return;
    const at = `/topologySpreadConstraints/${index}`;
    for (const problem of invalid(constraint, seen)) violations.push(podViolation(template, `${at}/${problem.field}`, `${problem.message} (the API server refuses it)`));
    // Valid, but spreads nothing the author meant: no selector counts no pods; one that misses the pod's
    // own labels counts other pods.
    if (!isRecord(constraint.labelSelector)) {
      violations.push({ ...podViolation(template, at, 'has no labelSelector: it counts no pods, so it spreads nothing'), severity: 'warning' });
    } else if (!matches(labelSelector(constraint.labelSelector), template.labels)) {
      violations.push({ ...podViolation(template, `${at}/labelSelector`, 'labelSelector does not match the pod template labels: it spreads other pods, not these'), severity: 'warning' });
    }
  });
  return violations;
}

export const topologySpreadConstraints: Rule = {
  id: 'topology-spread-constraints',
  severity: 'error',
  description:
    'topologySpreadConstraints are valid (maxSkew ≥ 1, a topologyKey, whenUnsatisfiable DoNotSchedule or ScheduleAnyway, minDomains ≥ 1 only with DoNotSchedule, no repeated key and action) and, as a warning, have a labelSelector that matches the pod\'s own labels.',
  fix: 'Give each constraint maxSkew: 1, a topologyKey such as topology.kubernetes.io/zone, a valid whenUnsatisfiable, and a labelSelector matching the pod template labels.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeScore: 'pod-topology-spread-constraints' },
  check: (context) => context.index.podTemplates.flatMap(check),
};
