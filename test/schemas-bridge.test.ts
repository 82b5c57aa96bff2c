// Kubernetes 1.35 has no npm source, so its directory is the union of 1.34's and 1.36's (builtin/bridge.ts).
// These tests check the union itself, check that every committed 1.35 file accepts whatever its neighbours
// accept, and measure the method where the answer is known: 1.33 bridged from 1.32 and 1.34, against the
// 1.33 generated from its own client-node release. (schemas-generate.test.ts checks every file under Ajv strict
// mode and regenerates one bridged file byte for byte.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bridgedVersions, unionDocument, unionSchema } from '../scripts/schemas/builtin/bridge.ts';
import type { JsonSchema } from '../scripts/schemas/json-schema.ts';
import { SCHEMAS_DIR } from '../scripts/schemas/paths.ts';
import { stableJson } from '../scripts/schemas/serialize.ts';

const directory = (minor: number): string => join(SCHEMAS_DIR, `v1.${minor}.0-standalone-strict`);
const filesOf = (minor: number): string[] => readdirSync(directory(minor)).sort();
const read = (minor: number, file: string): JsonSchema | undefined => {
  const path = join(directory(minor), file);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as JsonSchema) : undefined;
};
const bridge = (older: number, newer: number, file: string): JsonSchema =>
  JSON.parse(stableJson(unionDocument(read(older, file), read(newer, file)))) as JsonSchema;

type Definitions = Record<string, JsonSchema>;
/**
 * Where `narrow` accepts a value that `wide` rejects, over the shapes the generator writes (closed objects,
 * maps, arrays, enums, anyOf, $ref into `definitions`); empty when `wide` accepts all `narrow` accepts.
 */
function uncovered(wide: JsonSchema, narrow: JsonSchema, defs: [Definitions, Definitions], at = '', seen = new Set<string>()): string[] {
  if (wide.$ref && narrow.$ref) {
    if (seen.has(`${wide.$ref} ${narrow.$ref}`)) return [];
    seen.add(`${wide.$ref} ${narrow.$ref}`);
  }
  const w = wide.$ref ? defs[0][wide.$ref.replace('#/definitions/', '')]! : wide;
  const n = narrow.$ref ? defs[1][narrow.$ref.replace('#/definitions/', '')]! : narrow;
  if (Object.keys(w).length === 0) return [];
  if (Object.keys(n).length === 0) return [`${at}: anything`];
  if (w.anyOf) return (n.anyOf ?? [n]).every((option) => w.anyOf!.some((o) => uncovered(o, option, defs, at, seen).length === 0)) ? [] : [`${at}: anyOf`];
  if (n.anyOf) return n.anyOf.flatMap((option) => uncovered(w, option, defs, at, seen));
  if (w.type !== n.type && !(w.type === 'number' && n.type === 'integer')) return [`${at}: type`];
  const found: string[] = [];
  if (w.const !== undefined && w.const !== n.const) found.push(`${at}: const`);
  if (w.enum && (!n.enum || n.enum.some((value) => !w.enum!.includes(value)))) found.push(`${at}: enum`);
  for (const name of w.required ?? []) if (!n.required?.includes(name)) found.push(`${at}: requires ${name}`);
  for (const [name, schema] of Object.entries(n.properties ?? {})) {
    if (w.properties?.[name]) found.push(...uncovered(w.properties[name], schema, defs, `${at}/${name}`, seen));
    else if (w.additionalProperties === false) found.push(`${at}/${name}`);
  }
  if (n.additionalProperties) {
    if (w.additionalProperties === false) found.push(`${at}/*`);
    else if (w.additionalProperties) found.push(...uncovered(w.additionalProperties, n.additionalProperties, defs, `${at}/*`, seen));
  }
  if (w.items && n.items) found.push(...uncovered(w.items, n.items, defs, `${at}/[]`, seen));
  return found;
}
const gaps = (wide: JsonSchema, narrow: JsonSchema): string[] => uncovered(wide, narrow, [wide.definitions ?? {}, narrow.definitions ?? {}]);

describe('the union of two releases', () => {
  it('finds the minors missing between generated releases', () => {
    expect(bridgedVersions(['1.32.0', '1.33.0', '1.34.0', '1.36.0'])).toEqual([{ version: '1.35.0', older: '1.34.0', newer: '1.36.0' }]);
  });

  it('keeps fields of either, requires only what both require, and widens enums and types', () => {
    const older: JsonSchema = { type: 'object', properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'integer', format: 'int32' } }, required: ['a', 'b'], additionalProperties: false };
    const newer: JsonSchema = { type: 'object', properties: { a: { type: 'string', enum: ['y'] }, c: { type: 'boolean' } }, required: ['a'], additionalProperties: false };
    expect(unionSchema(older, newer)).toEqual({
      type: 'object',
      properties: { a: { type: 'string', enum: ['x', 'y'] }, b: { type: 'integer', format: 'int32' }, c: { type: 'boolean' } },
      required: ['a'],
      additionalProperties: false,
    });
    expect(unionSchema({ type: 'string' }, { type: 'integer' })).toEqual({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
    expect(unionSchema({ type: 'string', enum: ['x'] }, { type: 'string' })).toEqual({ type: 'string' });
  });
});

describe('the committed 1.35 directory', () => {
  const files = filesOf(35);

  it('serves every kind 1.34 or 1.36 serves, and accepts whatever either accepts', () => {
    expect(files).toEqual([...new Set([...filesOf(34), ...filesOf(36)])].sort());
    for (const file of files) {
      const bridged = read(35, file)!;
      for (const neighbour of [read(34, file), read(36, file)]) if (neighbour) expect(gaps(bridged, neighbour), file).toEqual([]);
    }
  });

  it('is its neighbours’ file, byte for byte, where 1.34 and 1.36 agree', () => {
    const text = (minor: number, file: string): string | undefined => (existsSync(join(directory(minor), file)) ? readFileSync(join(directory(minor), file), 'utf8') : undefined);
    const same = files.filter((file) => text(34, file) !== undefined && text(34, file) === text(36, file));
    expect(same.length).toBeGreaterThan(50);
    for (const file of same) expect(text(35, file), file).toBe(text(34, file));
  });
});

describe('the method, measured on 1.33 (bridged from 1.32 and 1.34)', () => {
  const real = filesOf(33);
  const bridged = [...new Set([...filesOf(32), ...filesOf(34)])].sort();
  // Each file's bridge from 1.32 and 1.34 and its real 1.33 version, read and made once for both tests below.
  const made = new Map<string, { bridge: JsonSchema; real: JsonSchema }>();
  const versionsOf = (file: string): { bridge: JsonSchema; real: JsonSchema } => {
    let versions = made.get(file);
    if (!versions) made.set(file, (versions = { bridge: bridge(32, 34, file), real: read(33, file)! }));
    return versions;
  };
  // Test files share their worker (vitest.config.ts, isolate: false): do not keep the parsed files beyond this one.
  afterAll(() => made.clear());

  it('accepts whatever 1.33 accepts, except in alpha kinds that changed while only one neighbour served them', () => {
    expect(real.filter((file) => !bridged.includes(file))).toEqual([]);
    const missed = real.filter((file) => gaps(versionsOf(file).bridge, versionsOf(file).real).length > 0);
    // resource.k8s.io/v1alpha3 is in 1.32 and 1.33 only, and 1.33 added fields to it.
    expect(missed).toEqual(['resourceclaim-resource-v1alpha3.json', 'resourceclaimtemplate-resource-v1alpha3.json', 'resourceslice-resource-v1alpha3.json']);
  });

  it('also serves the kinds 1.34 added (its known leniency), and matches 1.33 exactly for most files', () => {
    expect(bridged.filter((file) => !real.includes(file))).toContain('volumeattributesclass-storage-v1.json');
    const exact = real.filter((file) => stableJson(versionsOf(file).bridge) === stableJson(versionsOf(file).real));
    expect(exact.length).toBeGreaterThanOrEqual(60);
  });
});
