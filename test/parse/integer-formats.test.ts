// Numbers the API server cannot decode into the field's Go type: int32 and int64 ranges from the schemas.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';

const validator = new SchemaValidator({ locations: [join(import.meta.dirname, '..', '..', 'schemas')], kubernetesVersion: '1.36.0', cacheDir: false });

const deployment = (spec: string): KubeObject =>
  parseResources(
    `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: "a:1"}]\n${spec}`,
    { source: 's', file: 'f.yaml' },
  ).resources[0]!.object;

const violations = (spec: string) => {
  const outcome = validator.validate(deployment(spec));
  return outcome.kind === 'invalid' ? outcome.violations : [];
};

describe('format int32 / int64', () => {
  it('accepts the largest int32 and refuses one more, and 1e29', () => {
    expect(violations('  replicas: 2147483647\n')).toEqual([]);
    expect(violations('  replicas: 2147483648\n')).toEqual([
      { path: '/spec/replicas', message: 'spec.replicas must be an integer from -2147483648 to 2147483647 (int32), got number 2147483648' },
    ]);
    expect(violations('  replicas: 1e29\n')).toEqual([
      { path: '/spec/replicas', message: 'spec.replicas must be an integer from -2147483648 to 2147483647 (int32), got number 1e+29' },
    ]);
  });

  it('checks int64 fields against the int64 range', () => {
    expect(violations('  revisionHistoryLimit: 3\n  progressDeadlineSeconds: 600\n')).toEqual([]);
    const big = validator.validate({ ...deployment(''), metadata: { name: 'd', generation: 1e20 } } as KubeObject);
    expect(big).toEqual({ kind: 'invalid', violations: [expect.objectContaining({ path: '/metadata/generation', message: expect.stringContaining('(int64)') })] });
  });

  it('reports Infinity (a string to kubectl) as a type error, once', () => {
    expect(violations('  replicas: Infinity\n')).toEqual([{ path: '/spec/replicas', message: 'spec.replicas must be integer, got string "Infinity"' }]);
  });
});
