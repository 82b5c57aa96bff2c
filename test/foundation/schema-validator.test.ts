import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it, vi } from 'vitest';
import { CompiledCache } from '../../scripts/lib/check/compiled-cache.ts';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import { builtinFileName, customFileName, schemaCandidates } from '../../scripts/lib/check/schema-locations.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'schemas');
const validator = (cacheDir: string | false = false) =>
  new SchemaValidator({ locations: [fixtures], kubernetesVersion: '1.99.0', cacheDir });

describe('schema file layout (kubernetes-json-schema and CRDs-catalog, as kubeconform reads them)', () => {
  it('names built-in kinds by kind, first label of the group and version', () => {
    expect(builtinFileName('apps/v1', 'Deployment')).toBe('deployment-apps-v1.json');
    expect(builtinFileName('v1', 'Service')).toBe('service-v1.json');
    expect(builtinFileName('rbac.authorization.k8s.io/v1', 'RoleBinding')).toBe('rolebinding-rbac-v1.json');
    expect(customFileName('monitoring.coreos.com/v1', 'ServiceMonitor')).toBe('monitoring.coreos.com/servicemonitor_v1.json');
    expect(customFileName('v1', 'Service')).toBeUndefined();
  });

  it('tries each location in order, built-in file before custom file', () => {
    expect(schemaCandidates(['/a', '/b'], '1.36.0', 'example.com/v1', 'Gadget')).toEqual([
      '/a/v1.36.0-standalone-strict/gadget-example-v1.json',
      '/a/example.com/gadget_v1.json',
      '/b/v1.36.0-standalone-strict/gadget-example-v1.json',
      '/b/example.com/gadget_v1.json',
    ]);
  });

  it('reads a built-in schema from a versioned standalone-strict directory', () => {
    const outcome = validator().validate({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v' } });
    expect(outcome).toEqual({ kind: 'valid' });
  });

  it('reads a custom resource schema from <group>/<kind>_<version>.json', () => {
    const outcome = validator().validate({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 'http' } } as KubeObject);
    expect(outcome).toEqual({ kind: 'valid' });
  });

  it('says which files it looked for when there is no schema', () => {
    const outcome = validator().validate({ apiVersion: 'example.com/v2', kind: 'Gadget' });
    expect(outcome.kind).toBe('missing');
    if (outcome.kind === 'missing') expect(outcome.tried).toContain(join(fixtures, 'example.com', 'gadget_v2.json'));
  });
});

describe('schema violations as a person reads them', () => {
  const check = (object: Record<string, unknown>) => {
    const outcome = validator().validate(object as KubeObject);
    return outcome.kind === 'invalid' ? outcome.violations : [];
  };

  it('names an unknown field and where it is', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 80, replica: 2 } })).toEqual([
      { path: '/spec/replica', message: 'unknown field "replica" in spec' },
    ]);
  });

  it('accepts int-or-string and quantities either way, and rejects other types once', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 80, size: 1 } })).toEqual([]);
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 'http', size: '512Mi' } })).toEqual([]);
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: true } })).toEqual([
      { path: '/spec/port', message: 'spec.port must be string or integer, got boolean true' },
    ]);
  });

  it('rejects a string where an integer is required, and bad enum values', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 1, replicas: '3', mode: 'slow' } })).toEqual([
      { path: '/spec/replicas', message: 'spec.replicas must be integer, got string "3"' },
      { path: '/spec/mode', message: 'spec.mode must be one of "fast", "safe", got string "slow"' },
    ]);
  });

  it('reports missing required fields and non-string labels', () => {
    expect(check({ apiVersion: 'example.com/v1', kind: 'Gadget', spec: {} })).toEqual([
      { path: '/spec', message: 'missing required field "port" in spec' },
    ]);
    expect(check({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { tier: 1 } } })).toEqual([
      { path: '/metadata/labels/tier', message: 'metadata.labels.tier must be string, got number 1' },
    ]);
  });
});

describe('compiled validators are cached on disk', () => {
  it('writes generated code once and reuses it in a new validator', () => {
    const cache = mkdtempSync(join(tmpdir(), 'schema-cache-'));
    const object = { apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 80, replica: 2 } } as KubeObject;
    const first = validator(cache).validate(object);
    const entries = readdirSync(cache).filter((f) => f.endsWith('.cjs'));
    expect(entries).toHaveLength(1);
    // Loaded in another cache directory: this worker keeps what it loaded (test/helpers/worker-setup.ts), and a
    // new run of the command is a new process that reads the entry.
    const elsewhere = mkdtempSync(join(tmpdir(), 'schema-cache-'));
    copyFileSync(join(cache, entries[0]!), join(elsewhere, entries[0]!));
    const load = vi.spyOn(CompiledCache.prototype, 'load');
    const compile = vi.spyOn(Ajv.prototype, 'compile');
    const second = validator(elsewhere).validate(object);
    expect(load).toHaveReturnedWith(expect.any(Function));
    expect(compile).not.toHaveBeenCalled();
    expect(second).toEqual(first);
    vi.restoreAllMocks();
  });
});
