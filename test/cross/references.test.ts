import { describe, expect, it } from 'vitest';
import { configKey } from '../../scripts/rules/cross/config-key.ts';
import { configRollout } from '../../scripts/rules/cross/config-rollout.ts';
import { serviceAccountExists } from '../../scripts/rules/cross/service-account-exists.ts';
import { volumeReferences } from '../../scripts/rules/cross/volume-references.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

const sharedDbExternal = { 'volume-references': { external: { secrets: ['shared-db'] } } };

describe('volume-references', () => {
  it('accepts objects in the render, produced by ExternalSecret, SealedSecret, Certificate or volumeClaimTemplates, optional and external ones', () => {
    expect(check(volumeReferences, 'references-resolve', sharedDbExternal)).toEqual([]);
  });

  it('reports a Secret that only the configuration could declare external', () => {
    const violations = check(volumeReferences, 'references-resolve');
    expect(violations.map((v) => v.message)).toEqual([
      'Deployment openclaw/gateway refers to Secret openclaw/shared-db (container "gateway", env), which is not in the render in namespace openclaw nor made by a resource in it; if it is made outside the render (another source, an operator, by hand), declare it under external.secrets',
    ]);
  });

  it('reports every missing reference, at the field that names it', () => {
    const violations = check(volumeReferences, 'references-missing');
    expect(violations.every((v) => severityOf(volumeReferences, v) === 'error' && reportedOn(v) === 'Deployment gateway')).toBe(true);
    expect(violations.map((v) => [v.path, v.message.replace(/, which .*/, '')])).toEqual([
      ['/spec/template/spec/volumes/0/persistentVolumeClaim/claimName', 'Deployment openclaw/gateway refers to PersistentVolumeClaim openclaw/workspace (volume)'],
      ['/spec/template/spec/volumes/1/projected/sources/0/secret/name', 'Deployment openclaw/gateway refers to Secret openclaw/api-keys (projected volume)'],
      ['/spec/template/spec/containers/0/envFrom/0/configMapRef/name', 'Deployment openclaw/gateway refers to ConfigMap openclaw/gateway-config (container "gateway", envFrom)'],
      ['/spec/template/spec/containers/0/env/0/valueFrom/secretKeyRef/name', 'Deployment openclaw/gateway refers to Secret openclaw/bot-token (container "gateway", env)'],
    ]);
  });
});

describe('config-key', () => {
  it('accepts keys from data, binaryData and stringData, and optional keys', () => {
    expect(check(configKey, 'keys-exist')).toEqual([]);
  });

  it('reports a key the referenced object does not define, listing the keys it does', () => {
    const violations = check(configKey, 'key-missing');
    expect(violations.every((v) => severityOf(configKey, v) === 'error')).toBe(true);
    expect(violations.map((v) => [v.path, v.message])).toEqual([
      ['/spec/template/spec/volumes/0/secret/items/0/key', 'Deployment openclaw/gateway reads key "api-token" of Secret openclaw/gateway-secret, which defines token'],
      ['/spec/template/spec/containers/0/env/0/valueFrom/configMapKeyRef/key', 'Deployment openclaw/gateway reads key "log_level" of ConfigMap openclaw/gateway-config, which defines LOG_LEVEL'],
    ]);
  });
});

describe('service-account-exists', () => {
  it('accepts a ServiceAccount in the render and the default one', () => {
    expect(check(serviceAccountExists, 'service-account-in-render')).toEqual([]);
  });

  it('reports a ServiceAccount that exists only in another namespace', () => {
    const [violation, ...rest] = check(serviceAccountExists, 'service-account-missing');
    expect(rest).toEqual([]);
    expect(severityOf(serviceAccountExists, violation)).toBe('error');
    expect(violation.path).toBe('/spec/template/spec/serviceAccountName');
    expect(violation.message).toBe(
      'Deployment openclaw/gateway runs as ServiceAccount openclaw/gateway, which is not in the render in namespace openclaw; if it is made outside the render (another source, an operator), declare it under external.serviceAccounts',
    );
  });

  it('accepts a ServiceAccount declared external in options', () => {
    expect(check(serviceAccountExists, 'service-account-missing', { 'service-account-exists': { external: ['gateway'] } })).toEqual([]);
  });
});

describe('config-rollout', () => {
  it('accepts generator-hashed names, hash annotations and ExternalSecret targets', () => {
    expect(check(configRollout, 'config-hashed')).toEqual([]);
  });

  it('warns once per consumed object without a hash, at its first reference', () => {
    const [violation, ...rest] = check(configRollout, 'config-without-hash');
    expect(rest).toEqual([]);
    expect(severityOf(configRollout, violation)).toBe('warning');
    expect(violation.path).toBe('/spec/template/spec/volumes/0/configMap/name');
    expect(violation.message).toContain('Deployment openclaw/gateway consumes ConfigMap openclaw/gateway-config');
    expect(violation.message).toContain('will not roll the pods');
  });
});
