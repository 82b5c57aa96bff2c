// `field: null` is accepted by the API server (decoding leaves the field at its zero value), so the schema check
// must not report it, while a null that leaves a required field missing is still reported.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readCrdPaths } from '../../scripts/lib/check/crd-files.ts';
import { CrdSchemas } from '../../scripts/lib/check/crd-schemas.ts';
import { withoutNullFields } from '../../scripts/lib/check/explicit-null.ts';
import { checkResources } from '../../scripts/lib/check/resource-checks.ts';
import { SchemaValidator, VENDORED_SCHEMAS } from '../../scripts/lib/check/schema-validator.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';

const validator = new SchemaValidator({ locations: [VENDORED_SCHEMAS], kubernetesVersion: '1.36.0' });

// A custom resource is checked against its CRD: the test data's Widget (spec.size required, spec.mode an enum).
const withWidgets = CrdSchemas.over(validator, readCrdPaths([join(import.meta.dirname, '..', 'fixtures', 'crds', 'widgets')]));

function schemaFindings(yaml: string) {
  const { resources } = parseResources(yaml, { source: 'null.yaml', file: 'null.yaml' });
  return checkResources(resources, { validator: withWidgets, kubernetesVersion: '1.36.0', ignoreMissingSchemas: false }).map((finding) => ({
    rule: finding.rule,
    path: finding.path,
    message: finding.message,
  }));
}

describe('explicit null on a field', () => {
  it('passes a ConfigMap with data: null, as in the ingress-nginx manifests', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ingress-nginx-controller\n  namespace: ingress-nginx\ndata: null\n';
    expect(schemaFindings(yaml)).toEqual([]);
  });

  it('passes nulls on optional fields deep in a Deployment', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: null, annotations: null}
spec:
  replicas: null
  strategy: null
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      nodeSelector: null
      containers:
        - name: app
          image: app:1.0.0
          resources: null
          env: null
`;
    expect(schemaFindings(yaml)).toEqual([]);
  });

  it('still reports a required field that is null, as missing', () => {
    const yaml = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: null
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: app:1.0.0}]
`;
    expect(schemaFindings(yaml)).toEqual([{ rule: 'schema', path: '/spec', message: 'missing required field "selector" in spec' }]);
  });

  it('passes a null on a custom resource field that is not nullable (a structural schema prunes it)', () => {
    expect(schemaFindings('apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, mode: null}\n')).toEqual([]);
    expect(schemaFindings('apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: null}\n').map((finding) => finding.message)).toEqual([
      'missing required field "size" in spec',
    ]);
  });

  it('still reports other errors of an object that has nulls', () => {
    const yaml = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: null\nbinaryData: 7\n';
    expect(schemaFindings(yaml).map((finding) => finding.path)).toEqual(['/binaryData']);
  });

  it('copies only what holds a null, and keeps null list items', () => {
    const untouched = { apiVersion: 'v1', kind: 'ConfigMap', data: { a: 'b' } };
    expect(withoutNullFields(untouched)).toBe(untouched);
    const object = { apiVersion: 'v1', kind: 'List', items: [null, { a: null, b: 1 }], keep: { c: 2 } };
    const stripped = withoutNullFields(object);
    expect(stripped).toEqual({ apiVersion: 'v1', kind: 'List', items: [null, { b: 1 }], keep: { c: 2 } });
    expect(stripped.keep).toBe(object.keep);
    expect(object.items[1]).toEqual({ a: null, b: 1 });
  });
});
