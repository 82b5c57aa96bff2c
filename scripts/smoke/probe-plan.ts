// How the smoke calls the container's probes: kubelet semantics, with time scaled only where documented.
import type { ProbeSpec, RunSpec } from './run-spec.ts';

export interface PlannedProbe {
  probe: ProbeSpec;
  /** Stage order: startup gates readiness, readiness gates liveness, as the kubelet orders them. */
  stage: 'startup' | 'readiness' | 'liveness';
  /** Wait before the first call: the probe's initialDelaySeconds (not scaled). */
  initialDelayMs: number;
  /** Time between calls. The kubelet uses periodSeconds; the smoke polls at most every second. */
  pollMs: number;
  /**
   * How long the stage may take. Startup: initialDelay + period × failureThreshold, the kubelet's budget
   * before it restarts the container, kept in full. Readiness: the same product of its own fields.
   */
  budgetMs: number;
  /** Consecutive successes that pass the stage (successThreshold; always 1 for startup and liveness). */
  successes: number;
  /**
   * Liveness only: calls made after readiness; it fails when `failureThreshold` consecutive calls fail
   * (the kubelet would restart the container).
   */
  calls: number;
  /** Each call's own limit: timeoutSeconds, never scaled (it is what the gateway must answer within). */
  timeoutMs: number;
}

export const MAX_POLL_MS = 1_000;
/** No stage waits longer than this, whatever the manifest says: every wait of the smoke is bounded. */
export const MAX_STAGE_MS = 10 * 60_000;

export function buildProbePlan(spec: Pick<RunSpec, 'probes'>): PlannedProbe[] {
  const byKind = (kind: ProbeSpec['kind']) => spec.probes.find((probe) => probe.kind === kind);
  const plan: PlannedProbe[] = [];
  for (const kind of ['startup', 'readiness', 'liveness'] as const) {
    const probe = byKind(kind);
    if (!probe) continue;
    const period = probe.periodSeconds * 1000;
    const budget = probe.initialDelaySeconds * 1000 + period * Math.max(1, probe.failureThreshold);
    plan.push({
      probe,
      stage: kind,
      initialDelayMs: probe.initialDelaySeconds * 1000,
      pollMs: Math.min(period, MAX_POLL_MS),
      budgetMs: Math.min(budget, MAX_STAGE_MS),
      successes: kind === 'readiness' ? Math.max(1, probe.successThreshold) : 1,
      calls: kind === 'liveness' ? Math.max(1, probe.failureThreshold) : 0,
      timeoutMs: Math.max(1, probe.timeoutSeconds) * 1000,
    });
  }
  return plan;
}

/** One line per probe for the table: what is called and with which limits. */
export function describeProbe(planned: PlannedProbe): string {
  const handler = planned.probe.handler;
  const target =
    handler.type === 'http'
      ? `GET ${handler.path} :${handler.port}`
      : handler.type === 'tcp'
        ? `tcp :${handler.port}`
        : `exec ${handler.command[0] ?? ''}${handler.command.length > 3 ? ` … ${handler.command.slice(-2).join(' ')}` : ` ${handler.command.slice(1).join(' ')}`}`;
  return `${target} (timeout ${planned.timeoutMs / 1000}s)`;
}
