import { describe, expect, it } from 'vitest';
import { httpRouteBackend } from '../../scripts/rules/cross/httproute-backend.ts';
import { ingressBackend } from '../../scripts/rules/cross/ingress-backend.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

describe('ingress-backend', () => {
  it('accepts backends that resolve by port name and number, and TLS hosts listed in rules', () => {
    expect(check(ingressBackend, 'ingress-backends-resolve')).toEqual([]);
  });

  it('reports a port the Service does not expose, listing the ports it does', () => {
    const [violation, ...rest] = check(ingressBackend, 'ingress-port-not-exposed');
    expect(rest).toEqual([]);
    expect(severityOf(ingressBackend, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('Ingress openclaw');
    expect(violation.path).toBe('/spec/rules/0/http/paths/0/backend/service/port/number');
    expect(violation.message).toBe(
      'Ingress openclaw/openclaw backend claw.example.org/ service "gateway" port 8080: the Service exposes 80 (http), 18790 (bridge)',
    );
  });

  it('reports a backend Service that is not in the render', () => {
    const [violation, ...rest] = check(ingressBackend, 'ingress-service-missing');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/defaultBackend/service/name');
    expect(violation.message).toContain('Ingress openclaw/openclaw default backend service "openclaw-gateway"');
    expect(violation.message).toContain('Service openclaw/openclaw-gateway is not in the render; if it is made outside the render (another source, an operator), declare it under external.services');
  });

  it('reports a TLS host that no rule serves', () => {
    const [violation, ...rest] = check(ingressBackend, 'ingress-tls-host-not-in-rules');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/tls/0/hosts/1');
    expect(violation.message).toContain('TLS host "www.claw.example.org" (secret claw-tls)');
    expect(violation.message).toContain('rule hosts are claw.example.org');
  });

  it('matches a wildcard host, rule or TLS, against exactly one DNS label', () => {
    expect(check(ingressBackend, 'ingress-tls-wildcard-hosts')).toEqual([]);
  });

  it('reports TLS hosts a wildcard rule host does not cover: the apex and deeper names', () => {
    const violations = check(ingressBackend, 'ingress-tls-wildcard-too-deep');
    expect(violations.map((violation) => violation.path)).toEqual(['/spec/tls/0/hosts/0', '/spec/tls/0/hosts/1']);
    expect(violations[1].message).toContain('TLS host "b.a.example.com"');
  });
});

describe('httproute-backend', () => {
  it('accepts Service backendRefs in the render and leaves other namespaces and kinds alone', () => {
    expect(check(httpRouteBackend, 'httproute-backends-resolve')).toEqual([]);
  });

  it('reports a port the Service does not expose', () => {
    const [violation, ...rest] = check(httpRouteBackend, 'httproute-port-not-exposed');
    expect(rest).toEqual([]);
    expect(severityOf(httpRouteBackend, violation)).toBe('error');
    expect(violation.path).toBe('/spec/rules/0/backendRefs/0/port');
    expect(violation.message).toBe(
      'HTTPRoute openclaw/openclaw rule 0 backendRef service "gateway" port 8080: the Service exposes 80 (http), 18790 (bridge)',
    );
  });

  it('reports a backendRef to a Service missing from its own namespace', () => {
    const [violation] = check(httpRouteBackend, 'httproute-service-missing');
    expect(violation.path).toBe('/spec/rules/0/backendRefs/0/name');
    expect(violation.message).toContain('service "openclaw-gateway": Service openclaw/openclaw-gateway is not in the render');
  });

  it('accepts a missing Service declared external (another overlay renders it)', () => {
    expect(check(httpRouteBackend, 'httproute-service-missing', { 'httproute-backend': { external: ['openclaw-gateway'] } })).toEqual([]);
    expect(check(httpRouteBackend, 'httproute-service-missing', { 'httproute-backend': { external: ['other'] } })).toHaveLength(1);
  });
});
