import { describe, expect, it } from 'vitest';
import { NO_EXTERNAL_OBJECTS } from '../../scripts/rules/rule.ts';
import { selectorChanges, selectorImmutable } from '../../scripts/rules/cross/selector-immutable.ts';
import { namespaceConsistency } from '../../scripts/rules/cross/namespace-consistency.ts';
import { networkPolicySelector } from '../../scripts/rules/cross/networkpolicy-selector.ts';
import { serviceAccountExists } from '../../scripts/rules/cross/service-account-exists.ts';
import { volumeReferences } from '../../scripts/rules/cross/volume-references.ts';
import { check, contextFor, loadFixture, reportedOn, severityOf } from './fixtures.ts';

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
  it('accepts one namespace, a source without namespaces, and what the old rule called inconsistent', () => {
    expect(check(namespaceConsistency, 'one-namespace')).toEqual([]);
    expect(check(namespaceConsistency, 'no-namespace-anywhere')).toEqual([]);
    // Subjects in other namespaces, monitors watching any or other namespaces, a namespace-less Secret nobody reads.
    expect(check(namespaceConsistency, 'references-across-namespaces')).toEqual([]);
    expect(check(namespaceConsistency, 'resource-in-other-namespace')).toEqual([]);
    // kube-system RoleBindings, two Namespaces, a cross-namespace ServiceMonitor, a cluster-scoped custom resource.
    expect(check(namespaceConsistency, 'kube-prometheus-shape')).toEqual([]);
  });

  it('reports a subject in the wrong namespace and a referenced object without namespace, naming both ends', () => {
    const violations = check(namespaceConsistency, 'namespaces-that-cannot-line-up');
    expect(violations.every((v) => severityOf(namespaceConsistency, v) === 'warning')).toBe(true);
    expect(violations.map((v) => [reportedOn(v), v.path, v.message])).toEqual([
      [
        'RoleBinding gateway-reads-config',
        '/subjects/0/namespace',
        'RoleBinding openclaw/gateway-reads-config subject ServiceAccount default/gateway is not in the render, which has ServiceAccount openclaw/gateway: the binding grants nothing to that one (if default/gateway exists outside the render, list it under external.serviceAccounts)',
      ],
      [
        'ConfigMap gateway-config',
        '/metadata',
        'ConfigMap gateway-config sets no namespace, but Deployment openclaw/gateway refers to it from namespace openclaw: applied to any other namespace, the reference breaks',
      ],
    ]);
  });

  it('leaves subjects alone in namespaces listed under allow', () => {
    const violations = check(namespaceConsistency, 'namespaces-that-cannot-line-up', { 'namespace-consistency': { allow: ['default'] } });
    expect(violations.map((v) => v.path)).toEqual(['/metadata']);
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

describe('one finding per problem across the reference rules', () => {
  it('leaves an object of the render without namespace to namespace-consistency, not also volume-references or service-account-exists', () => {
    const context = contextFor(loadFixture('namespace-consistency/unplaced-objects-one-finding.yaml'));
    const found = [namespaceConsistency, volumeReferences, serviceAccountExists].flatMap((rule) =>
      rule.check(context).map((violation) => `${rule.id} ${reportedOn(violation)} ${violation.path}`),
    );
    expect(found.sort()).toEqual([
      'namespace-consistency ConfigMap gateway-config /metadata',
      'namespace-consistency ServiceAccount gateway /metadata',
      'volume-references Deployment gateway /spec/template/spec/containers/0/envFrom/1/secretRef/name',
    ]);
  });
});
