import { describe, expect, it } from 'vitest';
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
