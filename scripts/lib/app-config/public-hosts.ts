// The Services that select a pod and the public hosts (Ingress rules, HTTPRoute hostnames) routed to them.
import { isRecord, type Resource } from '../model.ts';

export interface PodService {
  name: string;
  labels: Record<string, string>;
  /** Service port (number and name) to the container port it reaches. */
  ports: Array<{ port: number; name?: string; containerPort: number }>;
}

export interface PublicHost {
  host: string;
  /** What a browser sends as Origin: https when TLS covers the host (Ingress tls, a Gateway listener). */
  origin: string;
  /** 'Ingress openclaw-gateway' or 'HTTPRoute openclaw-gateway'. */
  from: string;
  resource: Resource;
  /** JSON pointer of the host field. */
  path: string;
}

export function servicesSelecting(
  resources: readonly Resource[],
  podLabels: Record<string, string>,
  containerPorts: ReadonlyArray<{ name?: string; containerPort: number }>,
): PodService[] {
  return resources
    .map((resource) => resource.object)
    .filter((object) => object.kind === 'Service')
    .filter((service) => {
      const entries = Object.entries(record(record(service.spec).selector));
      return entries.length > 0 && entries.every(([key, value]) => podLabels[key] === value);
    })
    .map((service) => ({
      name: String(service.metadata?.name ?? ''),
      labels: { ...(service.metadata?.labels ?? {}) },
      ports: list(record(service.spec).ports).map((port) => {
        const target = port.targetPort ?? port.port;
        const containerPort = typeof target === 'number' ? target : (containerPorts.find((p) => p.name === target)?.containerPort ?? Number(port.port));
        return { port: Number(port.port), name: typeof port.name === 'string' ? port.name : undefined, containerPort };
      }),
    }));
}

/** Ingress rule hosts and HTTPRoute hostnames whose backend is one of `services`, one entry per origin. */
export function publicHosts(resources: readonly Resource[], services: readonly PodService[]): PublicHost[] {
  const names = new Set(services.map((service) => service.name));
  const out: PublicHost[] = [];
  for (const resource of resources) {
    const object = resource.object;
    const spec = record(object.spec);
    if (object.kind === 'Ingress') {
      const tlsHosts = new Set(list(spec.tls).flatMap((tls) => (Array.isArray(tls.hosts) ? tls.hosts.map(String) : [])));
      list(spec.rules).forEach((rule, index) => {
        const paths = list(record(rule.http).paths);
        if (typeof rule.host !== 'string' || !paths.some((path) => names.has(String(record(record(path.backend).service).name)))) return;
        const scheme = tlsHosts.has(rule.host) ? 'https' : 'http';
        out.push({ host: rule.host, origin: `${scheme}://${rule.host}`, from: `Ingress ${object.metadata?.name ?? ''}`, resource, path: `/spec/rules/${index}/host` });
      });
    } else if (object.kind === 'HTTPRoute') {
      const routed = list(spec.rules).some((rule) => list(rule.backendRefs).some((ref) => (ref.kind ?? 'Service') === 'Service' && names.has(String(ref.name))));
      if (!routed || !Array.isArray(spec.hostnames)) continue;
      // TLS ends at the shared Gateway's listener: browsers reach the route over https.
      spec.hostnames.map(String).forEach((host, index) => {
        out.push({ host, origin: `https://${host}`, from: `HTTPRoute ${object.metadata?.name ?? ''}`, resource, path: `/spec/hostnames/${index}` });
      });
    }
  }
  const seen = new Set<string>();
  return out.filter((entry) => !seen.has(`${entry.from}\0${entry.origin}`) && seen.add(`${entry.from}\0${entry.origin}`));
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
