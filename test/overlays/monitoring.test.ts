// components/monitoring as prod renders it: probes that reach the real gateway, and alerts and charts
// on metrics that exist (options.promql-metrics.exported in validate.config.yaml).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parsePromql } from '../../scripts/rules/promql/lib/parse-promql.ts';
import { ROOT, at, useRenders } from './rendered.ts';

const PROD = 'overlays/prod';
const { ofKind, one } = useRenders([PROD]);
const config = parseYaml(readFileSync(join(ROOT, 'validate.config.yaml'), 'utf8'));
const exported: string[] = config.sources[PROD].options['promql-metrics'].exported;

/** Metric names of a PromQL expression, read with Prometheus' own grammar (as the promql-metrics rule does). */
function metricNames(expr: string): string[] {
  const { error, metrics } = parsePromql(expr);
  expect(error, expr).toBeUndefined();
  return [...new Set(metrics.map((m) => m.name))];
}

describe('prod monitoring', () => {
  it('alerts only on metrics its targets export', () => {
    const rule = one(PROD, 'PrometheusRule');
    const expressions: string[] = at(rule, 'spec', 'groups').flatMap((g: { rules: Array<{ expr: string }> }) => g.rules.map((r) => r.expr));
    const used = [...new Set(expressions.flatMap(metricNames))];
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !exported.includes(name))).toEqual([]);
    expect(expressions.join('\n')).not.toMatch(/\bup\b|http_requests_total|openclaw_/);
  });

  it('charts only metrics its targets export', () => {
    const dashboards = ofKind(PROD, 'ConfigMap').filter((c) => c.metadata?.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(1);
    const dashboard = JSON.parse(Object.values(at(dashboards[0], 'data') as Record<string, string>)[0]);
    const used = dashboard.panels.flatMap((p: { targets: Array<{ expr: string }> }) => p.targets.flatMap((t) => metricNames(t.expr)));
    expect(used.filter((name: string) => !exported.includes(name))).toEqual([]);
  });

  it('probes the gateway Service on the probe endpoints, with jobs the alerts select', () => {
    const service = one(PROD, 'Service');
    const port = at(service, 'spec', 'ports').find((p: { name: string }) => p.name === 'gateway').port;
    const base = `http://${service.metadata?.name}.${service.metadata?.namespace}.svc:${port}`;
    const probes = ofKind(PROD, 'Probe').map((p) => [at(p, 'spec', 'jobName'), at(p, 'spec', 'module'), at(p, 'spec', 'targets', 'staticConfig', 'static')]);
    expect(probes).toEqual([
      ['openclaw-gateway-live', 'openclaw_live', [`${base}/healthz`]],
      ['openclaw-gateway-ready', 'openclaw_ready', [`${base}/readyz`]],
    ]);
    const alerts = JSON.stringify(at(one(PROD, 'PrometheusRule'), 'spec'));
    for (const [job] of probes) expect(alerts).toContain(`job=\\"${job}\\"`);
    for (const probe of ofKind(PROD, 'Probe')) expect(probe.metadata?.labels?.release).toBe('prometheus');
    expect(one(PROD, 'PrometheusRule').metadata?.labels?.release).toBe('prometheus');
  });

  it('scrapes nothing on the gateway itself, which serves no /metrics', () => {
    expect(ofKind(PROD, 'ServiceMonitor')).toEqual([]);
    expect(ofKind(PROD, 'PodMonitor')).toEqual([]);
    const annotations = at(one(PROD, 'Deployment'), 'spec', 'template', 'metadata', 'annotations') ?? {};
    expect(Object.keys(annotations).filter((key) => key.startsWith('prometheus.io/'))).toEqual([]);
  });
});
