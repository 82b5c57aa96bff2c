// Which Services, public hosts and monitoring targets of one render lead to the gateway's pods.
import { isRecord, type KubeObject, type Resource } from '../lib/model.ts';
import { metricNames } from './promql-names.ts';
import type { RunSpec } from './run-spec.ts';

export interface GatewayService {
  name: string;
  labels: Record<string, string>;
  /** Service port (number and name) to the container port it reaches. */
  ports: Array<{ port: number; name?: string; containerPort: number }>;
}

export interface PublicOrigin {
  host: string;
  origin: string;
  /** 'Ingress openclaw-gateway' or 'HTTPRoute openclaw-gateway'. */
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
  return objects(resources, 'Service')
    .filter((service) => {
      const selector = record(record(service.spec).selector);
      const entries = Object.entries(selector);
      return entries.length > 0 && entries.every(([key, value]) => spec.podLabels[key] === value);
    })
    .map((service) => ({
      name: String(service.metadata?.name ?? ''),
      labels: { ...(service.metadata?.labels ?? {}) },
      ports: list(record(service.spec).ports).map((port) => {
        const target = port.targetPort ?? port.port;
        const containerPort = typeof target === 'number' ? target : (spec.ports.find((p) => p.name === target)?.containerPort ?? Number(port.port));
        return { port: Number(port.port), name: typeof port.name === 'string' ? port.name : undefined, containerPort };
      }),
    }));
}

/** Ingress rule hosts and HTTPRoute hostnames whose backend is one of the gateway's Services. */
export function publicOrigins(resources: readonly Resource[], services: readonly GatewayService[]): PublicOrigin[] {
  const names = new Set(services.map((service) => service.name));
  const out: PublicOrigin[] = [];
  for (const ingress of objects(resources, 'Ingress')) {
    const spec = record(ingress.spec);
    const tlsHosts = new Set(list(spec.tls).flatMap((tls) => (Array.isArray(tls.hosts) ? tls.hosts.map(String) : [])));
    for (const rule of list(spec.rules)) {
      const paths = list(record(rule.http).paths);
      if (typeof rule.host !== 'string' || !paths.some((path) => names.has(String(record(record(path.backend).service).name)))) continue;
      const scheme = tlsHosts.has(rule.host) ? 'https' : 'http';
      out.push({ host: rule.host, origin: `${scheme}://${rule.host}`, from: `Ingress ${ingress.metadata?.name ?? ''}` });
    }
  }
  for (const route of objects(resources, 'HTTPRoute')) {
    const spec = record(route.spec);
    const routed = list(spec.rules).some((rule) => list(rule.backendRefs).some((ref) => (ref.kind ?? 'Service') === 'Service' && names.has(String(ref.name))));
    if (!routed) continue;
    // TLS ends at the shared Gateway's listener: browsers reach the route over https.
    for (const host of Array.isArray(spec.hostnames) ? spec.hostnames.map(String) : []) {
      out.push({ host, origin: `https://${host}`, from: `HTTPRoute ${route.metadata?.name ?? ''}` });
    }
  }
  const seen = new Set<string>();
  return out.filter((entry) => !seen.has(entry.origin) && seen.add(entry.origin));
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
