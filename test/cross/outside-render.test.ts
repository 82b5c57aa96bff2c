// What the render cannot see: labels controllers add, pods operators make, objects every cluster has, and
// the `external` setting. Each class of false finding has a case that no longer fires beside one that does.
import { describe, expect, it } from 'vitest';
import { parseRuleConfig } from '../../scripts/rules/config.ts';
import { configKey } from '../../scripts/rules/cross/config-key.ts';
import { networkPolicySelector } from '../../scripts/rules/cross/networkpolicy-selector.ts';
import { pdbSelector } from '../../scripts/rules/cross/pdb-selector.ts';
import { serviceSelector } from '../../scripts/rules/cross/service-selector.ts';
import { serviceTargetPort } from '../../scripts/rules/cross/service-target-port.ts';
import { volumeReferences } from '../../scripts/rules/cross/volume-references.ts';
import { NO_EXTERNAL_OBJECTS, type ExternalObjects, type Rule } from '../../scripts/rules/rule.ts';
import { check, checkFixture, contextFor, loadFixture, reportedOn } from './fixtures.ts';

function checkWithExternal(rule: Rule, relative: string, external: Partial<ExternalObjects>) {
  const context = contextFor(loadFixture(`${relative}.yaml`));
  return rule.check({ ...context, settings: { ...context.settings, external: { ...NO_EXTERNAL_OBJECTS, ...external } } });
}

describe('labels the controllers add to pods', () => {
  it('matches per-pod StatefulSet Services, pod-index and Job-name selectors', () => {
    expect(check(serviceSelector, 'controller-labels')).toEqual([]);
    expect(checkFixture(serviceTargetPort, 'service-selector/controller-labels')).toEqual([]);
  });

  it('still reports a per-pod Service naming a pod no StatefulSet of the render makes', () => {
    const violations = check(serviceSelector, 'controller-labels-wrong-pod');
    expect(violations.map((v) => [reportedOn(v), v.path])).toEqual([['Service redis-0', '/spec/selector']]);
    expect(violations[0].message).toContain('statefulset.kubernetes.io/pod-name=redis-0 matches no pods in namespace cache, of the render or of external.pods');
  });
});

describe('pods an operator makes from a custom resource of the render', () => {
  it('leaves Services, PodDisruptionBudgets and NetworkPolicies selecting Prometheus, Alertmanager and Kafka pods alone', () => {
    expect(checkFixture(serviceSelector, 'service-selector/operator-made-pods')).toEqual([]);
    expect(checkFixture(pdbSelector, 'service-selector/operator-made-pods')).toEqual([]);
    expect(checkFixture(networkPolicySelector, 'service-selector/operator-made-pods')).toEqual([]);
  });

  it('still reports a Service asking for the pods of a Prometheus the render does not have', () => {
    const violations = check(serviceSelector, 'operator-pods-wrong-instance');
    expect(violations.map((v) => [reportedOn(v), v.path])).toEqual([['Service prometheus-main', '/spec/selector']]);
  });
});

describe('the external setting', () => {
  it('accepts pods declared by their labels under external.pods, and a Service listed by name', () => {
    expect(checkWithExternal(serviceSelector, 'service-selector/service-selects-nothing', { pods: ['app=openclaw-gateway,tier=web'] })).toEqual([]);
    expect(checkWithExternal(serviceSelector, 'service-selector/service-selects-nothing', { services: ['openclaw/gateway'] })).toEqual([]);
    expect(checkWithExternal(pdbSelector, 'pdb-selector/pdb-selects-nothing', { pods: ['app=openclaw-gateway'] })).toEqual([]);
  });

  it('does not let a label set that misses a selector label stand in for the pods', () => {
    expect(checkWithExternal(serviceSelector, 'service-selector/service-selects-nothing', { pods: ['app=other'] })).toHaveLength(1);
    expect(checkWithExternal(serviceSelector, 'service-selector/service-selects-nothing', { services: ['monitoring/gateway'] })).toHaveLength(1);
  });

  it('is read from the configuration with pods and workloads besides the older kinds', () => {
    const config = parseRuleConfig(JSON.stringify({ external: { pods: ['app.kubernetes.io/name=prometheus'], workloads: ['legacy'] } }), { file: 'validate.config.yaml' });
    expect(config.external).toEqual({ pods: ['app.kubernetes.io/name=prometheus'], workloads: ['legacy'] });
  });
});

describe('objects the cluster or a Job of the render makes', () => {
  it('accepts a Secret a Job writes, the kube-root-ca.crt ConfigMap and the keys of a service-account-token Secret', () => {
    expect(check(volumeReferences, 'cluster-made-objects')).toEqual([]);
    expect(checkFixture(configKey, 'volume-references/cluster-made-objects')).toEqual([]);
  });

  it('takes a Job to write only the Secrets it names where a Secret is written, not every word of its arguments', () => {
    const violations = check(volumeReferences, 'job-mentions-name');
    expect(violations.map((violation) => violation.message.match(/Secret (\S+)/)?.[1])).toEqual(['shop/app-db']);
  });
});
