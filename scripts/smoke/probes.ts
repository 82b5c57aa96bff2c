// Calls the container's probes as the kubelet would, stage by stage (startup, readiness, liveness).
import type { AgentClient } from './agent-client.ts';
import { sleep } from './agent-client.ts';
import { describeProbe, type PlannedProbe } from './probe-plan.ts';
import type { ProbeHandler } from './run-spec.ts';
import type { CheckRow } from './table.ts';

export interface ProbeCall {
  ok: boolean;
  detail: string;
}

/** One call: httpGet passes on 200–399 (and not on the Control UI's HTML catch-all), exec on exit 0. */
export async function callProbe(client: AgentClient, handler: ProbeHandler, timeoutMs: number): Promise<ProbeCall> {
  try {
    if (handler.type === 'http') {
      const answer = await client.get(handler.port, handler.path, { timeoutMs, headers: handler.headers });
      if (answer.status < 200 || answer.status >= 400) return { ok: false, detail: `HTTP ${answer.status}` };
      // The kubelet would pass it, but a 200 page of the Control UI means the path is no probe endpoint.
      if (/text\/html/i.test(answer.contentType)) return { ok: false, detail: `HTTP ${answer.status} text/html: the Control UI's catch-all answered, not a probe endpoint` };
      return { ok: true, detail: `HTTP ${answer.status} ${answer.body.trim().slice(0, 60)}` };
    }
    const command = handler.type === 'exec' ? handler.command : tcpCommand(handler.port);
    const answer = await client.exec(command, timeoutMs);
    if (answer.timedOut) return { ok: false, detail: `timed out after ${timeoutMs / 1000}s` };
    const output = answer.output.trim().split('\n').at(-1)?.slice(0, 80) ?? '';
    return { ok: answer.exitCode === 0, detail: `exit ${answer.exitCode}${output ? ` ${output}` : ''}` };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/** A TCP probe from inside the pod's network, as the kubelet's connects to the pod IP. */
function tcpCommand(port: number): string[] {
  const script = "require('net').connect(Number(process.argv[1]), '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))";
  return ['node', '-e', script, String(port)];
}

/**
 * Runs the plan in order. A stage that fails stops the rest: the kubelet would restart the container or
 * keep it out of the Service. `gone()` reports a sandbox that exited, so no stage waits for a dead gateway.
 */
export async function runProbePlan(client: AgentClient, plan: readonly PlannedProbe[], started: number, gone: () => string | undefined): Promise<{ rows: CheckRow[]; ok: boolean }> {
  const rows: CheckRow[] = [];
  let stageStart = started;
  for (const planned of plan) {
    const target = describeProbe(planned);
    const result = planned.stage === 'liveness' ? await liveness(client, planned, gone) : await untilPassing(client, planned, stageStart, gone);
    rows.push({ check: `${planned.stage} probe`, target, ok: result.ok, detail: result.detail });
    if (!result.ok) return { rows, ok: false };
    stageStart = Date.now();
  }
  return { rows, ok: true };
}

async function untilPassing(client: AgentClient, planned: PlannedProbe, stageStart: number, gone: () => string | undefined): Promise<ProbeCall> {
  const deadline = stageStart + planned.budgetMs;
  await sleep(Math.max(0, stageStart + planned.initialDelayMs - Date.now()));
  let streak = 0;
  let last: ProbeCall = { ok: false, detail: 'never called' };
  while (Date.now() < deadline) {
    const exited = gone();
    if (exited) return { ok: false, detail: `the gateway exited (${exited}); last probe: ${last.detail}` };
    last = await callProbe(client, planned.probe.handler, planned.timeoutMs);
    streak = last.ok ? streak + 1 : 0;
    if (streak >= planned.successes) return { ok: true, detail: `${last.detail} after ${((Date.now() - stageStart) / 1000).toFixed(1)}s` };
    await sleep(planned.pollMs);
  }
  return { ok: false, detail: `not passing within ${planned.budgetMs / 1000}s (period × failureThreshold); last: ${last.detail}` };
}

async function liveness(client: AgentClient, planned: PlannedProbe, gone: () => string | undefined): Promise<ProbeCall> {
  let last: ProbeCall = { ok: false, detail: 'never called' };
  for (let call = 0; call < planned.calls; call++) {
    const exited = gone();
    if (exited) return { ok: false, detail: `the gateway exited (${exited})` };
    last = await callProbe(client, planned.probe.handler, planned.timeoutMs);
    if (last.ok) return last;
    await sleep(planned.pollMs);
  }
  return { ok: false, detail: `${planned.calls} failures in a row (the kubelet restarts the container); last: ${last.detail}` };
}
