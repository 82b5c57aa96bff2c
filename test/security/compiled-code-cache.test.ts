// What V8 compiled of a cached validator is kept beside its code (scripts/lib/check/compiled-cache.ts). V8
// checks only the length of the source such data was made from, so the file is trusted no more than the code:
// whatever it holds, the schema still applies.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Script } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { TemporaryDirectories } from '../helpers/temporary-directories.ts';

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'schemas');
const invalid = { apiVersion: 'example.com/v1', kind: 'Gadget', bogus: 1 } as unknown as KubeObject;
const temporary = new TemporaryDirectories();
afterAll(() => temporary.removeAll());

const validate = (cache: string) => new SchemaValidator({ locations: [fixtures], kubernetesVersion: '1.99.0', cacheDir: cache }).validate(invalid);
const entries = (cache: string, suffix: string) => readdirSync(cache).filter((name) => name.endsWith(suffix));

/** A cache whose entry has been loaded once, so that V8's data sits beside the code. */
function primedCache(): { cache: string; code: string; compiled: string } {
  const cache = temporary.make('compiled-code-cache-');
  expect(validate(cache).kind).toBe('invalid');
  expect(entries(cache, '.bin'), 'a compile writes code only').toEqual([]);
  expect(validate(cache).kind).toBe('invalid');
  const [code] = entries(cache, '.cjs');
  const [compiled] = entries(cache, '.bin');
  expect(compiled, 'the first load keeps what V8 compiled').toBeDefined();
  return { cache, code: join(cache, code!), compiled: join(cache, compiled!) };
}

/** V8 data made from other code of the same length, which accepts everything. */
function foreignCompiledData(codeFile: string): Buffer {
  const code = readFileSync(codeFile, 'utf8').replace(/^[^\n]*\n/, '');
  const length = `(function (module, exports, require) {${code}\n})`.length;
  const head = '(function (module, exports, require) {module.exports = function validate() { return true; };';
  const script = new Script(`${head}${' '.repeat(length - head.length - 3)}\n})`);
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (m: unknown, e: unknown) => void)(module, module.exports);
  (module.exports as (value: unknown) => boolean)(0);
  return script.createCachedData();
}

describe("V8's data for a cached validator", () => {
  it('is written on the first load and serves the next one with the same verdict', () => {
    const { cache, compiled } = primedCache();
    const data = readFileSync(compiled);
    expect(validate(cache)).toEqual(validate(temporary.make('compiled-code-cache-')));
    expect(readFileSync(compiled).equals(data), 'data V8 accepted is not written again').toBe(true);
  });

  it('is rebuilt when it is not data V8 accepts', () => {
    const { cache, compiled } = primedCache();
    writeFileSync(compiled, 'not V8 data');
    expect(validate(cache).kind).toBe('invalid');
    expect(readFileSync(compiled, 'utf8')).not.toBe('not V8 data');
  });

  it('is not followed when it is a link to /dev/zero', () => {
    const { cache, compiled } = primedCache();
    unlinkSync(compiled);
    symlinkSync('/dev/zero', compiled);
    expect(validate(cache).kind).toBe('invalid');
  });

  it('is dropped when it holds other code of the same length that accepts everything', () => {
    const primed = primedCache();
    // This process compiled the code under the primed path already, and V8 would reuse that without reading
    // any data: the entry is copied to a directory of its own, where V8 does read it.
    const cache = temporary.make('compiled-code-cache-');
    copyFileSync(primed.code, join(cache, basename(primed.code)));
    const foreign = foreignCompiledData(primed.code);
    const source = `(function (module, exports, require) {${readFileSync(primed.code, 'utf8').replace(/^[^\n]*\n/, '')}\n})`;
    expect(new Script(source, { filename: join(cache, 'elsewhere.cjs'), cachedData: foreign }).cachedDataRejected, 'V8 takes the data').toBe(false);
    // Whoever can write the cache can write the digest too.
    const codeChecksum = /sha256:([0-9a-f]{64})/.exec(readFileSync(primed.code, 'utf8'))![1]!;
    const digest = createHash('sha256').update(codeChecksum).update('\0').update(foreign).digest();
    const compiled = join(cache, basename(primed.compiled));
    writeFileSync(compiled, Buffer.concat([digest, foreign]));
    expect(validate(cache).kind).toBe('invalid');
    expect(existsSync(compiled)).toBe(false);
  });
});
