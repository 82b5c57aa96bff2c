import { describe, expect, it } from 'vitest';
import { prometheusRuleLabel } from '../../scripts/rules/cross/prometheus-rule-label.ts';
import { serviceMonitorTarget } from '../../scripts/rules/cross/servicemonitor-target.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

describe('servicemonitor-target', () => {
  it('accepts monitors that select the Service (via matchNames) and the pods, with existing ports', () => {
    expect(check(serviceMonitorTarget, 'monitors-resolve')).toEqual([]);
  });

  it('reports a ServiceMonitor that only watches its own namespace, where no Service matches', () => {
    const [violation, ...rest] = check(serviceMonitorTarget, 'servicemonitor-other-namespace');
    expect(rest).toEqual([]);
    expect(severityOf(serviceMonitorTarget, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('ServiceMonitor gateway');
    expect(violation.path).toBe('/spec/selector');
    expect(violation.message).toBe(
      'ServiceMonitor monitoring/gateway selector app=gateway matches the labels of no Service in namespace monitoring in the render; if that Service is made outside the render (another source, an operator), declare its labels under external.services (key=value,...)',
    );
  });

  it('reports an endpoint port the selected Service does not name', () => {
    const [violation, ...rest] = check(serviceMonitorTarget, 'servicemonitor-port-unknown');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/endpoints/0/port');
    expect(violation.message).toBe(
      'ServiceMonitor openclaw/gateway endpoint port "prometheus" is not a port name of the selected Service(s) gateway, which name http, metrics',
    );
  });

  it('reports a PodMonitor port that no container names', () => {
    const [violation, ...rest] = check(serviceMonitorTarget, 'podmonitor-port-unknown');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/podMetricsEndpoints/0/port');
    expect(violation.message).toBe('PodMonitor openclaw/gateway podMetricsEndpoint port "http-metrics" is not a container port name of Deployment gateway');
  });
});

describe('prometheus-rule-label', () => {
  it('accepts a labelled rule whose expressions balance (quotes and comments may hold brackets)', () => {
    expect(check(prometheusRuleLabel, 'rules-labelled-and-balanced')).toEqual([]);
  });

  it('reports an unbalanced expr with its group and alert name', () => {
    const [violation, ...rest] = check(prometheusRuleLabel, 'rule-unbalanced-expr');
    expect(rest).toEqual([]);
    expect(severityOf(prometheusRuleLabel, violation)).toBe('error');
    expect(violation.path).toBe('/spec/groups/0/rules/0/expr');
    expect(violation.message).toBe('PrometheusRule openclaw/gateway group "gateway" alert GatewayErrors: expr is not balanced (unclosed "(" at offset 3)');
  });

  it('reports a monitor without the label the Prometheus instance selects', () => {
    const [violation, ...rest] = check(prometheusRuleLabel, 'monitor-without-release-label');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/metadata/labels');
    expect(violation.message).toBe(
      'ServiceMonitor openclaw/gateway lacks release: prometheus, which the Prometheus instance selects (release: prometheus): it will not be loaded',
    );
  });

  it('reads the selector from options', () => {
    const options = { 'prometheus-rule-label': { selector: { app: 'gateway' } } };
    expect(check(prometheusRuleLabel, 'monitor-without-release-label', options)).toEqual([]);
    expect(check(prometheusRuleLabel, 'rules-labelled-and-balanced', options)[0].message).toContain('lacks app: gateway');
  });
});
