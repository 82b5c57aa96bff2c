// Collects metrics the way the render's monitoring does, then checks every metric its alerts read.
import type { AgentClient } from './agent-client.ts';
import type { AlertMetric, MetricTarget } from './routes.ts';
import type { CheckRow } from './table.ts';

/** Series made by other exporters of a cluster (kube-state-metrics, the kubelet's cAdvisor, …), not the gateway. */
const CLUSTER_PREFIXES = ['kube_', 'container_', 'kubelet_', 'node_', 'machine_', 'apiserver_', 'namespace_'];
/** Prometheus writes these for every scrape target; they say whether the scrape worked. */
const SCRAPE_SERIES = ['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added'];

export interface Collected {
  rows: CheckRow[];
  /** Names seen in successful scrapes. */
  scraped: Set<string>;
  scrapeOk: boolean;
  blackboxOk: boolean;
}

export async function collect(client: AgentClient, targets: readonly MetricTarget[], secretValues: Record<string, Record<string, string>>): Promise<Collected> {
  const rows: CheckRow[] = [];
  const scraped = new Set<string>();
  let scrapeOk = true;
  let blackboxOk = true;
  for (const target of targets) {
    const headers: Record<string, string> = {};
    if (target.auth) headers.authorization = `Bearer ${secretValues[target.auth.secret]?.[target.auth.key] ?? ''}`;
    const label = `${target.from}: GET ${target.path} :${target.containerPort}${target.auth ? ' (bearer)' : ''}`;
    try {
      const answer = await client.get(target.containerPort, target.path, { timeoutMs: 10_000, headers });
      if (target.kind === 'scrape') {
        const names = exposition(answer.contentType, answer.body);
        const ok = answer.status === 200 && names !== undefined && names.size > 0;
        for (const name of names ?? []) scraped.add(name);
        scrapeOk &&= ok;
        rows.push({ check: 'scrape', target: label, ok, detail: ok ? `${names!.size} metric names` : `HTTP ${answer.status} ${answer.contentType || 'no content type'}: not the Prometheus text format (up would be 0)` });
      } else {
        // The blackbox modules of components/monitoring assert a JSON body, so the Control UI's page fails them.
        const ok = answer.status >= 200 && answer.status < 300 && isJson(answer.body);
        blackboxOk &&= ok;
        rows.push({ check: 'blackbox probe', target: `${label}${target.job ? ` job=${target.job}` : ''}`, ok, detail: `probe_success would be ${ok ? 1 : 0}: HTTP ${answer.status} ${answer.body.trim().slice(0, 60)}` });
      }
    } catch (error) {
      if (target.kind === 'scrape') scrapeOk = false;
      else blackboxOk = false;
      rows.push({ check: target.kind === 'scrape' ? 'scrape' : 'blackbox probe', target: label, ok: false, detail: (error as Error).message });
    }
  }
  return { rows, scraped, scrapeOk, blackboxOk };
}

/** One row per metric the alerts read: present, missing, or not the gateway's to export. */
export function checkAlertMetrics(used: readonly AlertMetric[], targets: readonly MetricTarget[], collected: Collected): CheckRow[] {
  const alertsOf = new Map<string, string[]>();
  for (const { alert, metric } of used) alertsOf.set(metric, [...(alertsOf.get(metric) ?? []), alert]);
  const hasScrape = targets.some((target) => target.kind === 'scrape');
  const hasBlackbox = targets.some((target) => target.kind === 'blackbox');
  return [...alertsOf].map(([metric, alerts]) => {
    const target = [...new Set(alerts)].join(', ');
    const row = (ok: CheckRow['ok'], detail: string): CheckRow => ({ check: `metric ${metric}`, target, ok, detail });
    if (CLUSTER_PREFIXES.some((prefix) => metric.startsWith(prefix))) return row('skip', 'exported by the cluster (kube-state-metrics, cAdvisor), not by the gateway');
    if (SCRAPE_SERIES.includes(metric)) {
      if (!hasScrape) return row(false, 'no ServiceMonitor or PodMonitor scrapes the gateway');
      return collected.scrapeOk ? row(true, 'written by Prometheus for the scrape, which works') : row(false, 'the scrape fails, so this series says the gateway is down');
    }
    if (metric.startsWith('probe_')) {
      if (!hasBlackbox) return row(false, 'no blackbox Probe calls the gateway');
      return collected.blackboxOk ? row(true, 'written by the blackbox exporter for a probe that succeeds') : row(false, 'the blackbox probe fails against the gateway');
    }
    if (collected.scraped.has(metric)) return row(true, 'present in the scrape');
    return row(false, hasScrape ? 'not in what the gateway exports at the scraped path' : 'no target of this render exports it');
  });
}

/** Metric names of a Prometheus text exposition, or undefined when the body is not one (HTML, JSON). */
export function exposition(contentType: string, body: string): Set<string> | undefined {
  if (!/^(text\/plain|application\/openmetrics-text)/i.test(contentType.trim())) return undefined;
  const names = new Set<string>();
  for (const raw of body.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_:][A-Za-z0-9_:]*)(\{.*\})?\s+\S+/.exec(line);
    if (!match) return undefined;
    names.add(match[1]!);
  }
  return names;
}

function isJson(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}
