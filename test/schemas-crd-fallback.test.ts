// Kinds no @kubernetes-models package carries (Flux's ArtifactGenerator, OPA Gatekeeper's ConstraintTemplate)
// are validated by the CustomResourceDefinition found beside them: a custom resource in its project's
// documented shape gets no finding, a typo gets one at its path, and without the CRD the kind is unknown.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readCrdPaths } from '../scripts/lib/check/crd-files.ts';
import { CrdSchemas } from '../scripts/lib/check/crd-schemas.ts';
import { SchemaValidator, VENDORED_SCHEMAS } from '../scripts/lib/check/schema-validator.ts';
import type { KubeObject } from '../scripts/lib/model.ts';
import { checkSource } from '../scripts/lib/pipeline.ts';

const fixtures = join(import.meta.dirname, 'fixtures', 'crd-kinds');
const vendored = new SchemaValidator({ locations: [VENDORED_SCHEMAS], kubernetesVersion: '1.36.0', cacheDir: false });
const run = (dir: string) =>
  checkSource(
    { kind: 'manifests', name: dir, path: join(fixtures, dir) },
    { root: fixtures, validator: CrdSchemas.over(vendored, []), kubernetesVersion: '1.36.0', ignoreMissingSchemas: false, concurrency: 1 },
  );
const resourceIn = (dir: string, file: string): KubeObject => parse(readFileSync(join(fixtures, dir, file), 'utf8')) as KubeObject;

const violationPaths = (validator: CrdSchemas, object: KubeObject): string[] => {
  const outcome = validator.validate(object);
  return outcome.kind === 'invalid' ? outcome.violations.map((v) => v.path) : [outcome.kind];
};

describe('custom resources of kinds with no vendored schema', () => {
  for (const [dir, file] of [
    ['artifact-generator', 'generator.yaml'],
    ['gatekeeper', 'template.yaml'],
  ] as const) {
    it(`${dir}: the CRD read alongside validates its custom resource with no finding`, async () => {
      expect((await run(dir)).findings).toEqual([]);
    });

    it(`${dir}: the kind is unknown without its CRD`, () => {
      expect(vendored.validate(resourceIn(dir, file)).kind).toBe('missing');
    });
  }

  it('reports a misspelled field or a value outside an enum at its path', () => {
    const validator = CrdSchemas.over(vendored, readCrdPaths([join(fixtures, 'artifact-generator'), join(fixtures, 'gatekeeper')]));
    const generator = resourceIn('artifact-generator', 'generator.yaml');
    const spec = generator.spec as { sources: Record<string, unknown>[] };
    spec.sources[0]!.kind = 'GitRepo';
    expect(violationPaths(validator, generator)).toEqual(['/spec/sources/0/kind']);
    const template = resourceIn('gatekeeper', 'template.yaml');
    (template.spec as Record<string, unknown>).target = [];
    expect(violationPaths(validator, template)).toEqual(['/spec/target']);
  });

  it('leaves free-form fields free: the parameters schema a ConstraintTemplate carries', () => {
    const validator = CrdSchemas.over(vendored, readCrdPaths([join(fixtures, 'gatekeeper')]));
    const template = resourceIn('gatekeeper', 'template.yaml');
    const validation = (template.spec as Record<string, { spec: { validation: Record<string, unknown> } }>).crd!.spec.validation;
    validation.openAPIV3Schema = { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { anything: { enum: [1, 'two'] } } };
    expect(validator.validate(template)).toEqual({ kind: 'valid' });
  });

  it('validates a constraint by the schema its ConstraintTemplate declares, though no CRD of it exists anywhere', () => {
    const template = resourceIn('gatekeeper', 'template.yaml');
    const constraint = resourceIn('gatekeeper', 'constraint.yaml');
    expect(CrdSchemas.over(vendored, []).validate(constraint).kind).toBe('missing');
    const validator = CrdSchemas.over(vendored, []).withCrds([template]);
    expect(validator.validate(constraint)).toEqual({ kind: 'valid' });
    const parameters = (constraint.spec as { parameters: Record<string, unknown> }).parameters;
    parameters.labels = 'owner';
    expect(violationPaths(validator, constraint)).toEqual(['/spec/parameters/labels']);
    parameters.labels = [{ key: 'owner' }];
    parameters.lables = [{ key: 'team' }];
    expect(violationPaths(validator, constraint)).toEqual(['/spec/parameters/lables']);
  });

  it('keeps unknown parameters of a template before v1 (legacySchema), and still checks the declared ones', () => {
    const template = resourceIn('gatekeeper', 'template.yaml');
    template.apiVersion = 'templates.gatekeeper.sh/v1beta1';
    const constraint = resourceIn('gatekeeper', 'constraint.yaml');
    const validator = CrdSchemas.over(vendored, []).withCrds([template]);
    (constraint.spec as { parameters: Record<string, unknown> }).parameters = { labels: [{ key: 'owner' }], message: 'set an owner' };
    expect(validator.validate(constraint)).toEqual({ kind: 'valid' });
    (constraint.spec as { parameters: Record<string, unknown> }).parameters = { labels: 'owner' };
    expect(violationPaths(validator, constraint)).toEqual(['/spec/parameters/labels']);
  });

  it('finds the template among the repository files, as it finds CRDs', () => {
    const validator = CrdSchemas.over(vendored, readCrdPaths([join(fixtures, 'gatekeeper')]));
    expect(validator.validate(resourceIn('gatekeeper', 'constraint.yaml'))).toEqual({ kind: 'valid' });
  });
});
