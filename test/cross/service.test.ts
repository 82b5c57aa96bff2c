import { describe, expect, it } from 'vitest';
import { serviceSelector } from '../../scripts/rules/cross/service-selector.ts';
import { serviceTargetPort } from '../../scripts/rules/cross/service-target-port.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

describe('service-selector', () => {
  it('accepts a Service whose selector matches a pod template, and a Service without selector', () => {
    expect(check(serviceSelector, 'service-selects-deployment')).toEqual([]);
  });

  it('reports a selector that matches no pod labels, naming the Service and the labels it saw', () => {
    const [violation, ...rest] = check(serviceSelector, 'service-selects-nothing');
    expect(rest).toEqual([]);
    expect(serviceSelector.id).toBe('service-selector');
    expect(severityOf(serviceSelector, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('Service gateway');
    expect(violation.path).toBe('/spec/selector');
    expect(violation.message).toContain('Service openclaw/gateway');
    expect(violation.message).toContain('app=openclaw-gateway');
    expect(violation.message).toContain('Deployment gateway (app=gateway)');
  });

  it('does not match pods of another namespace', () => {
    const [violation] = check(serviceSelector, 'service-selects-other-namespace');
    expect(violation.message).toContain('namespace monitoring');
    expect(violation.message).toContain('no workload in that namespace');
  });
});

describe('service-target-port', () => {
  it('accepts a named targetPort and a port that defaults to a declared container port', () => {
    expect(check(serviceTargetPort, 'target-port-named')).toEqual([]);
  });

  it('reports a port name no container declares as an error', () => {
    const [violation, ...rest] = check(serviceTargetPort, 'target-port-unknown-name');
    expect(rest).toEqual([]);
    expect(severityOf(serviceTargetPort, violation)).toBe('error');
    expect(violation.path).toBe('/spec/ports/0/targetPort');
    expect(violation.message).toContain('Service openclaw/gateway port "web" targets "web"');
    expect(violation.message).toContain('Deployment openclaw/gateway');
    expect(violation.message).toContain('http (18789)');
  });

  it('reports an undeclared port number (targetPort defaulting to port) as a warning', () => {
    const [violation, ...rest] = check(serviceTargetPort, 'target-port-defaults-to-undeclared-port');
    expect(rest).toEqual([]);
    expect(severityOf(serviceTargetPort, violation)).toBe('warning');
    expect(violation.path).toBe('/spec/ports/0/port');
    expect(violation.message).toContain('targets 8080');
  });
});
