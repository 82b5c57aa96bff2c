// A process that runs many commands keeps the schema validators it loaded (scripts/lib/check/loaded-validators.ts,
// switched on for the test workers in test/helpers/worker-setup.ts), but only while the schema and the cache
// entry are the files it loaded them from.
import { cpSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { CompiledCache } from '../../scripts/lib/check/compiled-cache.ts';
import { keepLoadedValidators } from '../../scripts/lib/check/loaded-validators.ts';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { TemporaryDirectories } from '../helpers/temporary-directories.ts';

const temporary = new TemporaryDirectories();
afterAll(() => temporary.removeAll());
afterEach(() => vi.restoreAllMocks());

const gadget = { apiVersion: 'example.com/v1', kind: 'Gadget', spec: { port: 80 } } as unknown as KubeObject;

/** A copy of the schema fixtures and an empty cache, so that nothing another test loaded is kept for them. */
function setUp(): { schema: string; cache: string; run: () => string } {
  keepLoadedValidators();
  const locations = temporary.make('loaded-validators-');
  cpSync(join(import.meta.dirname, '..', 'fixtures', 'schemas'), locations, { recursive: true });
  const cache = temporary.make('loaded-validators-cache-');
  const run = () => new SchemaValidator({ locations: [locations], kubernetesVersion: '1.99.0', cacheDir: cache }).validate(gadget).kind;
  return { schema: join(locations, 'example.com', 'gadget_v1.json'), cache, run };
}

describe('validators kept in the process', () => {
  it('serve the next run without loading the cache entry again', () => {
    const { run } = setUp();
    expect(run()).toBe('valid');
    const load = vi.spyOn(CompiledCache.prototype, 'load');
    expect(run()).toBe('valid');
    expect(load).not.toHaveBeenCalled();
  });

  it('are not served once the schema is edited: the edit applies', () => {
    const { schema, run } = setUp();
    expect(run()).toBe('valid');
    writeFileSync(schema, readFileSync(schema, 'utf8').replace('"port": { "anyOf": [{ "type": "string" }, { "type": "integer" }] }', '"port": { "type": "string" }'));
    expect(run()).toBe('invalid');
  });

  it('are not served once the file a linked schema names is edited', () => {
    const { schema, run } = setUp();
    const target = `${schema}.target`;
    renameSync(schema, target);
    symlinkSync(target, schema);
    expect(run()).toBe('valid');
    writeFileSync(target, readFileSync(target, 'utf8').replace('"port": { "anyOf": [{ "type": "string" }, { "type": "integer" }] }', '"port": { "type": "string" }'));
    expect(run()).toBe('invalid');
  });

  it('are not served once the cache entry is written again: it is loaded and checked anew', () => {
    const { cache, run } = setUp();
    expect(run()).toBe('valid');
    const entry = join(cache, readdirSync(cache).find((name) => name.endsWith('.cjs'))!);
    writeFileSync(entry, readFileSync(entry));
    const load = vi.spyOn(CompiledCache.prototype, 'load');
    expect(run()).toBe('valid');
    expect(load).toHaveBeenCalledOnce();
  });
});
