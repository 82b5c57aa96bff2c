import type { Rule } from '../rule.ts';
import { containerViolation, LONG_RUNNING_KINDS, visitContainers } from './lib/containers.ts';

/** Key order does not change what a probe does: compare the probes as canonical JSON. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// A readiness probe that fails takes the pod out of the Service until it recovers; a liveness probe that fails
// restarts it. When both ask the same question with the same thresholds, a busy or briefly degraded pod is
// restarted at the moment it was only meant to stop receiving traffic, and restarts then cascade.
export const probesDistinct: Rule = {
  id: 'probes-distinct',
  severity: 'warning',
  description: "A container's livenessProbe is not identical to its readinessProbe (same check, same thresholds).",
  fix: 'Let the liveness probe ask only whether the process is alive (a cheaper check or a higher failureThreshold), and keep readiness for whether it can serve.',
  kinds: LONG_RUNNING_KINDS,
  equivalents: {},
  check: (context) =>
    visitContainers(
      context,
      ['containers'],
      (ref) => {
        const { livenessProbe, readinessProbe } = ref.container;
        if (livenessProbe === undefined || readinessProbe === undefined) return [];
        if (canonical(livenessProbe) !== canonical(readinessProbe)) return [];
        return [containerViolation(ref, '/livenessProbe', 'livenessProbe is identical to readinessProbe: a pod that is only busy is restarted instead of being taken out of the Service')];
      },
      (template) => template.longRunning,
    ),
};
