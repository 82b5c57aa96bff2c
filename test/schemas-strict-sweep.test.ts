// The strict sweep (test/helpers/strict-sweep.ts) compiles each distinct sub-schema once instead of each file.
// These cases plant what strict mode refuses in one file's copy of a definition, or in a root, and check that
// the sweep refuses exactly when compiling the file itself does, naming the file and the definition.
import { describe, expect, it } from 'vitest';
import { readSchema, strictCompiler } from './helpers/strict-schemas.ts';
import { strictSweep } from './helpers/strict-sweep.ts';

type Schema = Record<string, unknown>;
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
// One strict compiler for every case (each new one compiles the draft-07 meta-schema first); the schemas have
// no $id, so each compile stands alone.
const ajv = strictCompiler();
const sweepOf = (files: Iterable<readonly [string, Schema]>): string[] => strictSweep(files, () => ajv);

// Two kinds sharing a Container definition, in the shape the vendored files have.
const container = (extra: Schema = {}): Schema => ({
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { name: { type: 'string' }, ports: { type: 'array', items: { $ref: '#/definitions/Port' } }, ...extra },
});
const port: Schema = { type: 'object', additionalProperties: false, properties: { containerPort: { type: 'integer', format: 'int32' } } };
const kind = (name: string, containerDefinition: Schema, root: Schema = {}): Schema => ({
  $schema: DRAFT_07,
  type: 'object',
  additionalProperties: false,
  required: ['kind'],
  properties: { kind: { type: 'string', const: name }, containers: { type: 'array', items: { $ref: '#/definitions/Container' } } },
  ...root,
  definitions: { Container: containerDefinition, Port: port },
});

/** The sweep over a Deployment and a Job whose Container differs by `extra`, and whether strict Ajv compiles each file. */
function plant(extra: Schema, root: Schema = {}): { sweep: string[]; refusedFiles: string[] } {
  const files: [string, Schema][] = [['deployment.json', kind('Deployment', container())], ['job.json', kind('Job', container(extra), root)]];
  const refusedFiles = files.filter(([, schema]) => {
    try {
      ajv.compile(schema);
      return false;
    } catch {
      return true;
    }
  });
  return { sweep: sweepOf(files), refusedFiles: refusedFiles.map(([file]) => file) };
}

describe('the strict sweep', () => {
  it('passes schemas that strict Ajv compiles, however their definitions are shared', () => {
    expect(plant({})).toEqual({ sweep: [], refusedFiles: [] });
    // A $ref starts a fresh type context: an object definition under a string's anyOf is fine in ajv, and here.
    expect(plant({ command: { type: 'string', anyOf: [{ $ref: '#/definitions/Port' }, { minLength: 1 }] } })).toEqual({ sweep: [], refusedFiles: [] });
  });

  it.each([
    ['an unknown keyword', { image: { type: 'string', 'x-kubernetes-int-or-string': true } }, 'unknown keyword: "x-kubernetes-int-or-string"'],
    ['a pattern that is not a regular expression', { image: { type: 'string', pattern: '^[a-z' } }, 'Invalid regular expression'],
    ['a format the runtime does not check', { image: { type: 'string', format: 'date-time' } }, 'unknown format "date-time"'],
    ['a keyword of another type', { image: { type: 'string', minimum: 1 } }, 'missing type "number" for keyword "minimum"'],
    ['a type its context rules out', { image: { type: 'object', allOf: [{ type: 'string' }] } }, 'type "string" not allowed by context "object"'],
    ['a tuple without its length', { args: { type: 'array', items: [{ type: 'string' }] } }, '"items" is 1-tuple'],
    ['a pattern that matches a declared property', { labels: { type: 'object', properties: { app: { type: 'string' } }, patternProperties: { '^a': { type: 'string' } } } }, 'property app matches pattern ^a'],
    ['a required field it does not declare', { env: { type: 'object', properties: { value: { type: 'string' } }, required: ['name'] } }, 'required property "name" is not defined'],
  ])('refuses %s in one file’s copy of a definition, naming that file and the definition', (_case, extra, message) => {
    const { sweep, refusedFiles } = plant(extra);
    expect(refusedFiles).toEqual(['job.json']);
    expect(sweep).toHaveLength(1);
    expect(sweep[0]).toContain('job.json at /definitions/Container/properties/');
    expect(sweep[0]).not.toContain('deployment.json');
    expect(sweep[0]).toContain(message);
  });

  it('refuses a violation in a root schema, naming the file', () => {
    const { sweep, refusedFiles } = plant({}, { minProperties: 1, maximum: 3 });
    expect(refusedFiles).toEqual(['job.json']);
    expect(sweep).toEqual([expect.stringMatching(/^job\.json at its root: strict mode: missing type "number" for keyword "maximum"/)]);
  });

  it('names every file that shares a refused definition', () => {
    const broken = container({ image: { type: 'string', pattern: '(' } });
    const found = sweepOf([['a.json', kind('A', broken)], ['b.json', kind('B', broken)], ['c.json', kind('C', container())]]);
    expect(found).toEqual([expect.stringMatching(/^a\.json at \/definitions\/Container\/properties\/image, b\.json at \/definitions\/Container\/properties\/image: .*Invalid regular expression/)]);
  });

  it('finds a violation planted in a copy of a real definition that only one vendored file uses', () => {
    const deployment = readSchema('v1.36.0-standalone-strict/deployment-apps-v1.json');
    const statefulSet = readSchema('v1.36.0-standalone-strict/statefulset-apps-v1.json');
    const definitions = statefulSet.definitions as Record<string, Schema>;
    const probe = definitions['V1Probe'];
    expect(probe).toBeDefined();
    definitions['V1Probe'] = { ...probe, properties: { ...(probe.properties as Schema), periodSeconds: { type: 'integer', format: 'duration' } } };
    expect(sweepOf([['deployment.json', deployment], ['statefulset.json', statefulSet]])).toEqual([
      expect.stringMatching(/^statefulset\.json at \/definitions\/V1Probe\/properties\/periodSeconds: .*unknown format "duration"/),
    ]);
  });
});
