// Which Services, public hosts and monitoring targets of one render lead to the gateway's pods.
import { publicHosts, servicesSelecting, type PodService } from '../lib/app-config/public-hosts.ts';
import { isRecord, type KubeObject, type Resource } from '../lib/model.ts';
import { metricNames } from './promql-names.ts';
import type { RunSpec } from './run-spec.ts';

export type GatewayService = PodService;

export interface PublicOrigin {
  host: string;
  origin: string;
  from: string;
}

export interface MetricTarget {
  /** ServiceMonitor/PodMonitor are scraped; a blackbox Probe calls a URL and records probe_*. */
  kind: 'scrape' | 'blackbox';
  from: string;
  containerPort: number;
  path: string;
  /** The Secret key holding the bearer token, when the endpoint authenticates. */
  auth?: { secret: string; key: string };
  /** The `job` label Prometheus gives the series (Probe: jobName). */
  job?: string;
}

export interface AlertMetric {
  alert: string;
  metric: string;
}

export function gatewayServices(resources: readonly Resource[], spec: Pick<RunSpec, 'podLabels' | 'ports' | 'namespace'>): GatewayService[] {
  return servicesSelecting(resources, spec.podLabels, spec.ports);
}

/** One browser origin per public host routed to the gateway (the same hosts the allowed-origins rule checks). */
export function publicOrigins(resources: readonly Resource[], services: readonly GatewayService[]): PublicOrigin[] {
  const seen = new Set<string>();
  return publicHosts(resources, services)
    .filter((entry) => !seen.has(entry.origin) && seen.add(entry.origin))
    .map(({ host, origin, from }) => ({ host, origin, from }));
}

/** ServiceMonitors and PodMonitors selecting the gateway, and blackbox Probes calling its Service. */
export function metricTargets(resources: readonly Resource[], services: readonly GatewayService[], spec: Pick<RunSpec, 'podLabels' | 'ports'>): MetricTarget[] {
  const targets: MetricTarget[] = [];
  for (const monitor of objects(resources, 'ServiceMonitor')) {
    const selector = record(record(record(monitor.spec).selector).matchLabels);
    for (const service of services.filter((s) => Object.entries(selector).every(([key, value]) => s.labels[key] === value))) {
      for (const endpoint of list(record(monitor.spec).endpoints)) {
        const port = service.ports.find((p) => p.name === endpoint.port || p.port === Number(endpoint.targetPort));
        if (port) targets.push({ kind: 'scrape', from: `ServiceMonitor ${monitor.metadata?.name}`, containerPort: port.containerPort, path: String(endpoint.path ?? '/metrics'), auth: authOf(endpoint), job: service.name });
      }
    }
  }
  for (const monitor of objects(resources, 'PodMonitor')) {
    const selector = record(record(record(monitor.spec).selector).matchLabels);
    if (!Object.entries(selector).every(([key, value]) => spec.podLabels[key] === value)) continue;
    for (const endpoint of list(record(monitor.spec).podMetricsEndpoints)) {
      const port = spec.ports.find((p) => p.name === endpoint.port);
      if (port) targets.push({ kind: 'scrape', from: `PodMonitor ${monitor.metadata?.name}`, containerPort: port.containerPort, path: String(endpoint.path ?? '/metrics'), auth: authOf(endpoint) });
    }
  }
  for (const probe of objects(resources, 'Probe')) {
    const probeSpec = record(probe.spec);
    const urls = record(record(record(probeSpec.targets).staticConfig)).static;
    for (const url of Array.isArray(urls) ? urls.map(String) : []) {
      const target = serviceUrl(url, services);
      if (target) targets.push({ kind: 'blackbox', from: `Probe ${probe.metadata?.name}`, ...target, job: typeof probeSpec.jobName === 'string' ? probeSpec.jobName : undefined });
    }
  }
  return targets;
}

/** Every metric each alert of the render's PrometheusRules reads. */
export function alertMetrics(resources: readonly Resource[]): AlertMetric[] {
  return objects(resources, 'PrometheusRule').flatMap((rule) =>
    list(record(rule.spec).groups).flatMap((group) =>
      list(group.rules)
        .filter((entry) => typeof entry.alert === 'string' && typeof entry.expr === 'string')
        .flatMap((entry) => metricNames(String(entry.expr)).map((metric) => ({ alert: String(entry.alert), metric }))),
    ),
  );
}

function serviceUrl(url: string, services: readonly GatewayService[]): { containerPort: number; path: string } | undefined {
  const match = /^(?:https?:\/\/)?([^/:]+)(?::(\d+))?(\/.*)?$/.exec(url);
  if (!match) return undefined;
  const service = services.find((s) => match[1] === s.name || match[1]!.startsWith(`${s.name}.`));
  const port = service?.ports.find((p) => p.port === Number(match[2] ?? 80));
  return port ? { containerPort: port.containerPort, path: match[3] ?? '/' } : undefined;
}

function authOf(endpoint: Record<string, unknown>): MetricTarget['auth'] {
  const bearer = record(endpoint.bearerTokenSecret);
  const credentials = record(record(endpoint.authorization).credentials);
  const ref = typeof bearer.name === 'string' ? bearer : typeof credentials.name === 'string' ? credentials : undefined;
  return ref ? { secret: String(ref.name), key: String(ref.key) } : undefined;
}

function objects(resources: readonly Resource[], kind: string): KubeObject[] {
  return resources.map((resource) => resource.object).filter((object) => object.kind === kind);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
