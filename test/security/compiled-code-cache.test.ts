// What V8 compiled of a cached validator is kept beside its code (scripts/lib/check/compiled-cache.ts). V8
// checks only the length of the source such data was made from, so the file is trusted no more than the code:
// whatever it holds, the schema still applies.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
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

let primedOnce: { code: string; compiled: string } | undefined;

/** A cache whose entry has been loaded once, so that V8's data sits beside the code (compiled once per file, then copied). */
function primedCache(): { cache: string; code: string; compiled: string } {
  if (!primedOnce) {
    const compiledHere = temporary.make('compiled-code-cache-');
    expect(validate(compiledHere).kind).toBe('invalid');
    expect(entries(compiledHere, '.bin'), 'a compile writes code only').toEqual([]);
    // Loaded from another directory, as this process has kept nothing for it (test/helpers/worker-setup.ts).
    const first = temporary.make('compiled-code-cache-');
    copyFileSync(join(compiledHere, entries(compiledHere, '.cjs')[0]!), join(first, entries(compiledHere, '.cjs')[0]!));
    expect(validate(first).kind).toBe('invalid');
    const [code] = entries(first, '.cjs');
    const [compiled] = entries(first, '.bin');
    expect(compiled, 'the first load keeps what V8 compiled').toBeDefined();
    primedOnce = { code: join(first, code!), compiled: join(first, compiled!) };
  }
  const cache = temporary.make('compiled-code-cache-');
  const code = join(cache, basename(primedOnce.code));
  const compiled = join(cache, basename(primedOnce.compiled));
  copyFileSync(primedOnce.code, code);
  copyFileSync(primedOnce.compiled, compiled);
  return { cache, code, compiled };
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
    // Data made again from the same code would hold the same bytes: the file itself must be the one written before.
    const written = statSync(compiled, { bigint: true });
    expect(validate(cache)).toEqual(validate(temporary.make('compiled-code-cache-')));
    const after = statSync(compiled, { bigint: true });
    expect([after.ino, after.mtimeNs], 'data V8 accepted is not written again').toEqual([written.ino, written.mtimeNs]);
  });

  it('is rebuilt when it is not what was written, though V8 would not look at it in this process', () => {
    const { cache, code, compiled } = primedCache();
    // Once this process has compiled the code itself under that name, V8 reuses that and ignores any data given.
    unlinkSync(compiled);
    expect(validate(cache).kind).toBe('invalid');
    writeFileSync(compiled, 'not V8 data');
    // The entry rewritten with its own bytes: this process then loads it again, as a new run would, rather than
    // reuse the validator it keeps while the entry is unchanged (scripts/lib/check/loaded-validators.ts).
    writeFileSync(code, readFileSync(code));
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
    // A directory of its own: V8 reads the data only for code this process has not compiled under that name.
    const { cache, code, compiled } = primedCache();
    const foreign = foreignCompiledData(code);
    const source = `(function (module, exports, require) {${readFileSync(code, 'utf8').replace(/^[^\n]*\n/, '')}\n})`;
    expect(new Script(source, { filename: join(cache, 'elsewhere.cjs'), cachedData: foreign }).cachedDataRejected, 'V8 takes the data').toBe(false);
    // Whoever can write the cache can write the digest too.
    const codeChecksum = /sha256:([0-9a-f]{64})/.exec(readFileSync(code, 'utf8'))![1]!;
    const digest = createHash('sha256').update('(function (module, exports, require) {').update('\n})').update('\0').update(codeChecksum).update('\0').update(foreign).digest();
    writeFileSync(compiled, Buffer.concat([digest, foreign]));
    expect(validate(cache).kind).toBe('invalid');
    expect(existsSync(compiled)).toBe(false);
  });
});
