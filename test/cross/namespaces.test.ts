import { describe, expect, it } from 'vitest';
import { NO_EXTERNAL_OBJECTS } from '../../scripts/rules/rule.ts';
import { selectorChanges, selectorImmutable } from '../../scripts/rules/cross/selector-immutable.ts';
import { namespaceConsistency } from '../../scripts/rules/cross/namespace-consistency.ts';
import { networkPolicySelector } from '../../scripts/rules/cross/networkpolicy-selector.ts';
import { check, loadFixture, reportedOn, severityOf } from './fixtures.ts';

describe('networkpolicy-selector', () => {
  it('accepts a default-deny policy plus a policy that admits the gateway', () => {
    expect(check(networkPolicySelector, 'policies-admit-gateway')).toEqual([]);
  });

  it('reports a policy selecting nothing and the Service-backing workload left without ingress', () => {
    const violations = check(networkPolicySelector, 'policy-selects-nothing-gateway-isolated');
    expect(violations.every((v) => severityOf(networkPolicySelector, v) === 'warning')).toBe(true);
    expect(violations.map((v) => [reportedOn(v), v.path, v.message])).toEqual([
      ['NetworkPolicy gateway-ingress', '/spec/podSelector', 'NetworkPolicy openclaw/gateway-ingress podSelector app=openclaw-gateway selects the pods of no workload in namespace openclaw in the render; if pods with these labels are made outside the render (an operator, another source), declare them under external.pods'],
      [
        'Deployment gateway',
        '/spec/template/metadata/labels',
        'Deployment openclaw/gateway backs Service openclaw/gateway but NetworkPolicy openclaw/default-deny isolate(s) it for ingress and no NetworkPolicy allows any ingress to it',
      ],
    ]);
  });
});

describe('namespace-consistency', () => {
  it('accepts one namespace and ignores cluster-scoped kinds', () => {
    expect(check(namespaceConsistency, 'one-namespace')).toEqual([]);
  });

  it('accepts a source that sets no namespace at all', () => {
    expect(check(namespaceConsistency, 'no-namespace-anywhere')).toEqual([]);
  });

  it('reports references into other namespaces that are not written out or not allowed', () => {
    const violations = check(namespaceConsistency, 'references-across-namespaces');
    expect(violations.map((v) => [reportedOn(v), v.path, v.message])).toEqual([
      ['RoleBinding agent-jobs', '/subjects/1', 'RoleBinding openclaw/agent-jobs subject ServiceAccount "ci-runner" refers to namespace ci, outside the source\'s namespace openclaw, and it is not listed under allow'],
      ['RoleBinding agent-jobs', '/subjects/2', 'RoleBinding openclaw/agent-jobs subject ServiceAccount "unnamed-namespace" names no namespace: say which one (the source\'s is openclaw)'],
      ['ServiceMonitor everything', '/spec/namespaceSelector/any', 'ServiceMonitor openclaw/everything namespaceSelector any: true names no namespace: say which one (the source\'s is openclaw)'],
      ['PodMonitor listed', '/spec/namespaceSelector/matchNames/1', 'PodMonitor openclaw/listed namespaceSelector refers to namespace monitoring, outside the source\'s namespace openclaw, and it is not listed under allow'],
    ]);
    const allowed = check(namespaceConsistency, 'references-across-namespaces', { 'namespace-consistency': { allow: ['ci', 'monitoring'] } });
    expect(allowed.map((v) => v.path)).toEqual(['/subjects/2', '/spec/namespaceSelector/any']);
  });

  it('reports resources outside the Namespace the source renders, and ones without namespace', () => {
    const violations = check(namespaceConsistency, 'resource-in-other-namespace');
    expect(violations.every((v) => severityOf(namespaceConsistency, v) === 'warning')).toBe(true);
    expect(violations.map((v) => [v.path, v.message])).toEqual([
      ['/metadata/namespace', 'ServiceMonitor monitoring/gateway is in namespace monitoring, but the source is for namespace openclaw'],
      ['/metadata', 'Secret stray sets no namespace while the source is for namespace openclaw: it lands wherever the deployer points'],
    ]);
  });

  it('accepts namespaces listed in options.allow', () => {
    const violations = check(namespaceConsistency, 'resource-in-other-namespace', { 'namespace-consistency': { allow: ['monitoring'] } });
    expect(violations.map((v) => v.resource.object.kind)).toEqual(['Secret']);
  });
});

describe('selector-immutable', () => {
  const baseline = loadFixture('selector-immutable/baseline.yaml');

  it('reports nothing when the selector is unchanged', () => {
    expect(selectorChanges(baseline, loadFixture('selector-immutable/selector-unchanged.yaml'))).toEqual([]);
  });

  it('reports a changed Deployment selector as an error naming both selectors', () => {
    const [violation, ...rest] = selectorChanges(baseline, loadFixture('selector-immutable/selector-changed.yaml'));
    expect(rest).toEqual([]);
    expect(severityOf(selectorImmutable, violation)).toBe('error');
    expect(violation.path).toBe('/spec/selector');
    expect(violation.message).toContain('Deployment openclaw/gateway changes spec.selector from app=gateway (baseline) to app.kubernetes.io/name=gateway');
  });

  it('compares each source with its render at the baseline, and only with --baseline', () => {
    const current = loadFixture('selector-immutable/selector-changed.yaml');
    const source = { kind: 'kustomization' as const, name: 'overlays/prod', path: '/repo/overlays/prod' };
    const context = { root: '/repo', sources: [{ source, resources: current, loadFindings: [] }], settings: { production: false, options: {}, external: NO_EXTERNAL_OBJECTS } };
    expect(selectorImmutable.description).toContain('--baseline');
    expect(selectorImmutable.check(context)).toEqual([]);
    const baselined = selectorImmutable.check({ ...context, baseline: { ref: 'main', renders: new Map([['overlays/prod', baseline]]) } });
    expect(baselined.map((v) => [v.path, v.message.endsWith('(compared with main)')])).toEqual([['/spec/selector', true]]);
  });
});
