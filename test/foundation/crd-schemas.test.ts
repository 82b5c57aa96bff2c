// CustomResourceDefinitions validate their own custom resources: the openAPIV3Schema converted to a strict
// schema (Kubernetes extensions honoured, value constraints kept), found in a render, the repository or --crd.
import { join } from 'node:path';
import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { UsageError } from '../../scripts/lib/cli/command-line.ts';
import { readCrdPaths, readRepositoryCrds } from '../../scripts/lib/check/crd-files.ts';
import { convertOpenApi } from '../../scripts/lib/check/crd-openapi.ts';
import { CrdSchemas, crdVersionSchemas, type ResourceValidator } from '../../scripts/lib/check/crd-schemas.ts';
import { customResourceValidator } from '../../scripts/lib/check/crd-validator.ts';
import { SchemaValidator, VENDORED_SCHEMAS } from '../../scripts/lib/check/schema-validator.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { checkSource } from '../../scripts/lib/pipeline.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'crds');
// One compiler for every conversion below: each converted schema is a new object, compiled on its own, and a
// new Ajv would compile the draft-07 meta-schema again for each.
const compiler = new Ajv({ strict: false });
const accepts = (schema: unknown, value: unknown): boolean => compiler.compile(convertOpenApi(schema))(value);
const nothing: ResourceValidator = { validate: (object) => ({ kind: 'missing', tried: [object.kind] }) };
const widget = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'example.org/v1', kind: 'Widget', metadata: { name: 'w' }, spec });

describe('converting an openAPIV3Schema', () => {
  it('closes objects that declare properties and opens those that preserve unknown fields', () => {
    const closed = { type: 'object', properties: { a: { type: 'string' } } };
    expect(accepts(closed, { a: 'x' })).toBe(true);
    expect(accepts(closed, { a: 'x', b: 1 })).toBe(false);
    expect(accepts({ ...closed, 'x-kubernetes-preserve-unknown-fields': true }, { a: 'x', b: 1 })).toBe(true);
    expect(accepts({ ...closed, 'x-kubernetes-preserve-unknown-fields': true }, { a: 1 })).toBe(false);
  });

  it('reads int-or-string, nullable and embedded resources as the API server does', () => {
    const port = { 'x-kubernetes-int-or-string': true };
    expect([accepts(port, 80), accepts(port, 'http'), accepts(port, 1.5), accepts(port, true)]).toEqual([true, true, false, false]);
    expect([accepts({ type: 'string', nullable: true }, null), accepts({ type: 'string' }, null)]).toEqual([true, false]);
    const embedded = { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { data: { type: 'object' } } };
    expect(accepts(embedded, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' }, data: {} })).toBe(true);
    expect(accepts(embedded, { apiVersion: 'v1', kind: 'ConfigMap', dat: {} })).toBe(false);
  });

  it('keeps value constraints, turning OpenAPI 3.0 boolean exclusive bounds into draft-07 numbers', () => {
    expect(accepts({ type: 'integer', minimum: 1, maximum: 10 }, 11)).toBe(false);
    expect(accepts({ type: 'number', minimum: 0, exclusiveMinimum: true }, 0)).toBe(false);
    expect(accepts({ type: 'number', minimum: 0, exclusiveMinimum: true }, 0.1)).toBe(true);
    expect(accepts({ type: 'string', pattern: '^[a-z]+$' }, 'Abc')).toBe(false);
    expect(accepts({ type: 'array', items: { type: 'string' }, maxItems: 1 }, ['a', 'b'])).toBe(false);
    expect(accepts({ type: 'string', enum: ['a'] }, 'b')).toBe(false);
  });

  it('drops a pattern JavaScript cannot read instead of rejecting every value', () => {
    expect(accepts({ type: 'string', pattern: '(?i)^abc$' }, 'ABC')).toBe(true);
  });

  it('takes every served version of a CRD, and none that is not served', () => {
    const [crd] = readCrdPaths([join(fixtures, 'widgets', 'crd.yaml')]);
    expect([...crdVersionSchemas(crd!).keys()]).toEqual(['example.org/v1\u0000Widget']);
  });
});

describe('validating custom resources with their CRD', () => {
  const crds = readCrdPaths([join(fixtures, 'widgets')]);

  it('accepts a resource that uses every extension, and reports each violation at its path', () => {
    const validator = CrdSchemas.over(nothing, crds);
    const object = parse(`apiVersion: example.org/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3, port: 8080}`) as KubeObject;
    expect(validator.validate(object)).toEqual({ kind: 'valid' });
    const outcome = validator.validate(widget({ size: 11, sise: 3, mode: 'quick' }));
    expect(outcome.kind).toBe('invalid');
    const paths = outcome.kind === 'invalid' ? outcome.violations.map((v) => v.path).sort() : [];
    expect(paths).toEqual(['/spec/mode', '/spec/sise', '/spec/size']);
  });

  it('falls back to the vendored schemas for every other kind', () => {
    const validator = CrdSchemas.over(nothing, crds);
    expect(validator.validate({ apiVersion: 'v1', kind: 'ConfigMap' })).toEqual({ kind: 'missing', tried: ['ConfigMap'] });
  });

  it('lets a source’s own CRD win over the run’s, and compiles each distinct schema once', () => {
    const loose = parse(`apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
spec: {group: example.org, names: {kind: Widget}, versions: [{name: v1, served: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]}`) as KubeObject;
    const run = CrdSchemas.over(nothing, crds);
    const typo = widget({ size: 3, sise: 3 });
    expect(run.validate(typo).kind).toBe('invalid');
    expect(run.withCrds([loose]).validate(typo).kind).toBe('valid');
    run.withCrds(crds).validate(typo);
    run.withCrds([]).validate(typo);
    expect(run.compiledSchemas).toBe(2);
  });

  it('checks metadata with the strict ObjectMeta of the vendored schemas', () => {
    const validator = customResourceValidator(nothing, { root: join(fixtures, 'widgets'), crdPaths: [], locations: [VENDORED_SCHEMAS], kubernetesVersion: '1.36.0' });
    const outcome = validator.validate({ ...widget({ size: 1 }), metadata: { name: 'w', labels: { tier: 1 as unknown as string } } });
    expect(outcome.kind === 'invalid' ? outcome.violations.map((v) => v.path) : []).toEqual(['/metadata/labels/tier']);
  });

  it('reads the repository’s CRDs only once a kind Kubernetes does not serve itself is validated, below --crd', () => {
    const root = mkdtempSync(join(tmpdir(), 'crd-repository-'));
    const loose = (group: string, kind: string) =>
      `apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: {group: ${group}, names: {kind: ${kind}}, versions: [{name: v1, served: true}]}\n`;
    writeFileSync(join(root, 'given.yaml'), loose('example.org', 'Widget'));
    const options = { root, locations: [VENDORED_SCHEMAS], kubernetesVersion: '1.36.0' };
    const validator = customResourceValidator(nothing, { ...options, crdPaths: [] });
    // Built-in kinds leave the repository unread: a CRD written after them is still found by the first custom kind.
    expect(validator.validate({ apiVersion: 'apps/v1', kind: 'Deployment' }).kind).toBe('missing');
    expect(validator.validate({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }).kind).toBe('missing');
    copyFileSync(join(fixtures, 'widgets', 'crd.yaml'), join(root, 'crd.yaml'));
    writeFileSync(join(root, 'apps.yaml'), loose('apps.example.org', 'Deployment'));
    const typo = widget({ size: 3, sise: 3 });
    expect(validator.validate({ apiVersion: 'apps.example.org/v1', kind: 'Deployment' })).toEqual({ kind: 'valid' });
    expect(validator.validate(typo).kind).toBe('invalid');
    // --crd still wins over the repository's CRD for the same kind.
    const given = customResourceValidator(nothing, { ...options, crdPaths: [join(root, 'given.yaml')] });
    expect(given.validate(typo)).toEqual({ kind: 'valid' });
  });

  it('finds CRDs kept in the repository, and refuses a --crd path that holds none', () => {
    expect(readRepositoryCrds(fixtures).map((crd) => crd.metadata?.name)).toEqual(['widgets.example.org', 'widgets.example.org']);
    expect(() => readCrdPaths([join(fixtures, 'missing.yaml')])).toThrow(UsageError);
    expect(() => readCrdPaths([join(fixtures, 'widgets', 'widget.yaml')])).toThrow(/no CustomResourceDefinition/);
  });
});

describe('the pipeline', () => {
  const vendored = new SchemaValidator({ locations: [VENDORED_SCHEMAS], kubernetesVersion: '1.36.0', cacheDir: false });
  const run = (dir: string) =>
    checkSource(
      { kind: 'manifests', name: dir, path: join(fixtures, dir) },
      { root: fixtures, validator: CrdSchemas.over(vendored, []), kubernetesVersion: '1.36.0', ignoreMissingSchemas: false, concurrency: 1 },
    );

  it('validates a custom resource with the CRD read alongside it', async () => {
    expect((await run('widgets')).findings).toEqual([]);
  });

  it('reports a custom resource that breaks its CRD at the file and line of the field', async () => {
    const findings = (await run('widget-typo')).findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.path}`);
    expect(findings.sort()).toEqual([
      'schema widget-typo/widget.yaml:5 /spec/size',
      'schema widget-typo/widget.yaml:6 /spec/sise',
      'schema widget-typo/widget.yaml:7 /spec/mode',
    ]);
    expect(findings.some((f) => f.startsWith('unknown-kind'))).toBe(false);
  });
});
