// The probe plan, the monitoring targets and the metric check, from in-memory renders.
import { describe, expect, it } from 'vitest';
import { checkAlertMetrics, exposition, type Collected } from '../../scripts/smoke/metrics.ts';
import { buildProbePlan, MAX_POLL_MS } from '../../scripts/smoke/probe-plan.ts';
import { metricNames } from '../../scripts/smoke/promql-names.ts';
import { alertMetrics, gatewayServices, metricTargets, publicOrigins } from '../../scripts/smoke/routes.ts';
import { extractRunSpec } from '../../scripts/smoke/run-spec.ts';
import { gatewayRender, render } from './manifests.ts';

describe('buildProbePlan', () => {
  const plan = buildProbePlan(extractRunSpec(render(gatewayRender)));

  it('orders startup, readiness, liveness and keeps the kubelet budget while polling every second', () => {
    expect(plan.map((p) => [p.stage, p.budgetMs, p.pollMs, p.successes, p.calls, p.timeoutMs])).toEqual([
      ['startup', 300_000, MAX_POLL_MS, 1, 0, 5_000],
      ['readiness', 30_000, MAX_POLL_MS, 2, 0, 1_000],
      ['liveness', 35_000, MAX_POLL_MS, 1, 3, 1_000],
    ]);
    expect(plan[2]!.initialDelayMs).toBe(5_000);
  });

  it('is empty without probes', () => {
    expect(buildProbePlan({ probes: [] })).toEqual([]);
  });
});

const monitored = `${gatewayRender}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: openclaw-gateway, namespace: openclaw}
spec:
  tls: [{hosts: [chat.example.com]}]
  rules:
    - host: chat.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: openclaw-gateway, port: {name: gateway}}}}]}
    - host: other.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: something-else, port: {number: 80}}}}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: openclaw-gateway, namespace: openclaw}
spec:
  selector: {matchLabels: {app: openclaw}}
  endpoints:
    - port: gateway
      path: /api/diagnostics/prometheus
      bearerTokenSecret: {name: openclaw-secrets, key: OPENCLAW_GATEWAY_TOKEN}
---
apiVersion: monitoring.coreos.com/v1
kind: Probe
metadata: {name: live, namespace: openclaw}
spec:
  jobName: openclaw-live
  targets: {staticConfig: {static: ["http://openclaw-gateway.openclaw.svc:80/healthz"]}}
---
apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: {name: openclaw, namespace: openclaw}
spec:
  groups:
    - name: g
      rules:
        - alert: Down
          expr: absent(up{service="openclaw-gateway"} == 1) or max(probe_success{job="openclaw-live"}) == 0
        - alert: Busy
          expr: sum by (pod) (rate(openclaw_sessions_total[5m])) > 100 and on(pod) kube_pod_info
`;

describe('what the monitoring of a render collects', () => {
  const resources = render(monitored);
  const spec = extractRunSpec(resources);
  const services = gatewayServices(resources, spec);
  const targets = metricTargets(resources, services, spec);

  it('finds the public origins routed to the gateway only', () => {
    expect(publicOrigins(resources, services)).toEqual([{ host: 'chat.example.com', origin: 'https://chat.example.com', from: 'Ingress openclaw-gateway' }]);
  });

  it('maps ServiceMonitor and Probe targets through the Service to the container port, with the bearer token secret', () => {
    expect(targets).toEqual([
      { kind: 'scrape', from: 'ServiceMonitor openclaw-gateway', containerPort: 18789, path: '/api/diagnostics/prometheus', auth: { secret: 'openclaw-secrets', key: 'OPENCLAW_GATEWAY_TOKEN' }, job: 'openclaw-gateway' },
      { kind: 'blackbox', from: 'Probe live', containerPort: 18789, path: '/healthz', job: 'openclaw-live' },
    ]);
  });

  it('reads the metric names of alert expressions', () => {
    expect(alertMetrics(resources).map((m) => m.metric)).toEqual(['up', 'probe_success', 'openclaw_sessions_total', 'kube_pod_info']);
    expect(metricNames('histogram_quantile(0.9, sum by (le) (rate(x_bucket{a="b"}[5m]))) offset 5m')).toEqual(['x_bucket']);
  });

  it('passes a metric only when a working target exports it, and leaves cluster metrics aside', () => {
    const collected: Collected = { rows: [], scraped: new Set(['openclaw_sessions_total']), scrapeOk: true, blackboxOk: false };
    const rows = checkAlertMetrics(alertMetrics(resources), targets, collected);
    expect(rows.map((row) => [row.check, row.ok])).toEqual([
      ['metric up', true],
      ['metric probe_success', false],
      ['metric openclaw_sessions_total', true],
      ['metric kube_pod_info', 'skip'],
    ]);
  });

  it('accepts the Prometheus text format and not the Control UI page', () => {
    expect([...exposition('text/plain; version=0.0.4', '# HELP a x\na_total{b="c"} 1\nc 2\n')!]).toEqual(['a_total', 'c']);
    expect(exposition('text/html; charset=utf-8', '<!doctype html>')).toBeUndefined();
  });
});
