// One overlay end to end: render → run spec → sandboxed gateway → probes, metrics, Control UI → rows.
import { renderKustomization } from '../lib/render/render.ts';
import type { OpenclawRuntime } from '../lib/openclaw/runtime.ts';
import { sleep } from './agent-client.ts';
import { checkAlertMetrics, collect } from './metrics.ts';
import { RunningPod } from './pod.ts';
import { buildProbePlan } from './probe-plan.ts';
import { runProbePlan } from './probes.ts';
import { alertMetrics, gatewayServices, metricTargets, publicOrigins } from './routes.ts';
import type { Resource } from '../lib/model.ts';
import { extractRunSpec, type RunSpec } from './run-spec.ts';
import { containerArgv } from './sandbox.ts';
import type { CheckRow, OverlayResult } from './table.ts';
import { controlUiConnect } from './ws-connect.ts';
import { argvText } from './output.ts';

/** Bad input (the overlay does not render, no gateway container): the command exits 2. */
export class SmokeInputError extends Error {}

const AGENT_START_MS = 30_000;
const CONTROL_UI_MS = 60_000;

export async function renderOverlay(root: string, overlay: string) {
  const rendered = await renderKustomization(overlay, { root });
  const failure = rendered.findings.find((finding) => finding.severity === 'error');
  if (failure) throw new SmokeInputError(`${overlay}: ${failure.message.split('\n')[0]}`);
  return rendered.resources;
}

/** Rendered and read before anything is installed or started: bad input costs no download. */
export async function prepareOverlay(root: string, overlay: string): Promise<{ overlay: string; resources: Resource[]; spec: RunSpec }> {
  const resources = await renderOverlay(root, overlay);
  try {
    return { overlay, resources, spec: extractRunSpec(resources) };
  } catch (error) {
    throw new SmokeInputError(`${overlay}: ${(error as Error).message}`);
  }
}

export async function smokeOverlay(
  prepared: { overlay: string; resources: Resource[]; spec: RunSpec },
  runtime: OpenclawRuntime,
  bwrap: string,
  log: (line: string) => void,
): Promise<OverlayResult> {
  const { overlay, resources, spec } = prepared;
  const services = gatewayServices(resources, spec);
  const origins = publicOrigins(resources, services);
  const targets = metricTargets(resources, services, spec);
  const rows: CheckRow[] = [];
  const notes = [...spec.notes];
  // Shown (shell-quoted) in the log and the table, which escape it again where they print.
  const argv = argvText(containerArgv(spec));
  log(`${overlay}: starting ${argv} in a sandbox`);
  const started = Date.now();
  const pod = RunningPod.start(spec, runtime, bwrap);
  try {
    if (!(await pod.client.waitUntilListening(started + AGENT_START_MS, () => pod.exited() !== undefined))) {
      rows.push({ check: 'start', target: argv, ok: false, detail: `the sandbox did not start (${pod.exited() ?? 'no agent socket'}): ${pod.reason()}` });
      return { overlay, rows, notes };
    }
    const plan = buildProbePlan(spec);
    if (plan.length === 0) notes.push('the container declares no probe: nothing tells the kubelet when it is ready');
    const probes = await runProbePlan(pod.client, plan, started, () => pod.exited());
    rows.push({ check: 'start', target: argv, ok: pod.exited() === undefined, detail: pod.exited() ? `exited (${pod.exited()}): ${pod.reason()}` : 'running' });
    rows.push(...probes.rows);
    if (!probes.ok || pod.exited()) return { overlay, rows, notes: [...notes, ...pod.lastLog(4).map((line) => `log: ${line}`)] };

    const collected = await collect(pod.client, targets, spec.secretValues);
    rows.push(...collected.rows);
    rows.push(...checkAlertMetrics(alertMetrics(resources), targets, collected));

    const port = services[0]?.ports[0]?.containerPort ?? spec.ports[0]?.containerPort ?? 18789;
    // Without an Ingress or HTTPRoute the Control UI is reached through `kubectl port-forward`.
    const browserOrigins = origins.length > 0 ? origins : [{ host: `localhost:${port}`, origin: `http://localhost:${port}`, from: 'port-forward (no Ingress or HTTPRoute)' }];
    for (const entry of browserOrigins) {
      const deadline = Date.now() + CONTROL_UI_MS;
      let outcome = await controlUiConnect(pod.client.portSocket(port), { host: entry.host, origin: entry.origin, token: spec.env.OPENCLAW_GATEWAY_TOKEN, timeoutMs: 15_000 });
      while (outcome.retry && Date.now() < deadline && !pod.exited()) {
        await sleep(1_000);
        outcome = await controlUiConnect(pod.client.portSocket(port), { host: entry.host, origin: entry.origin, token: spec.env.OPENCLAW_GATEWAY_TOKEN, timeoutMs: 15_000 });
      }
      rows.push({ check: 'control UI', target: `Origin ${entry.origin} (${entry.from})`, ok: outcome.accepted, detail: outcome.detail });
    }
    return { overlay, rows, notes };
  } finally {
    await pod.stop();
  }
}
