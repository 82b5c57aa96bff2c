// Code ajv generated for a schema, kept on disk between runs: compiling a large schema takes far longer than
// loading that code. Shared by the Kubernetes schema validators and the applications' config schemas.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import type { Ajv, ValidateFunction } from 'ajv';
import type standaloneModule from 'ajv/dist/standalone/index.js';
import { readBoundedFile } from '../bounded-file.ts';
import { writeFileAtomically } from '../cache-dir.ts';

/** Far above the code of the largest vendored schema; a bound so that a hostile cache file cannot exhaust memory. */
const MAX_CACHED_CODE_BYTES = 64 * 1024 * 1024;
const DIGEST_BYTES = 32;
/** The same wrapper Node gives a CommonJS file; `require` resolves ajv's runtime helpers. */
const WRAPPER_HEAD = '(function (module, exports, require) {';
const WRAPPER_TAIL = '\n})';
const CHECKSUM_HEADER = /^\/\/ openclaw-validate sha256:([0-9a-f]{64})\n/;

export class CompiledCache {
  private readonly require = createRequire(import.meta.url);
  private readonly ajvVersion: string;
  private readonly ajvRoot: string;

  /**
   * `dir` false: no disk cache. `variant` names how the compiler was set up (its options, its formats): code
   * generated under other options never loads.
   */
  constructor(private readonly dir: string | false, private readonly variant: string) {
    this.ajvVersion = (this.require('ajv/package.json') as { version: string }).version;
    this.ajvRoot = dirname(this.require.resolve('ajv/package.json'));
  }

  /** The file that keeps the validator of the schema `text`; undefined without a disk cache. */
  entryPath(text: string): string | undefined {
    if (this.dir === false) return undefined;
    const hash = createHash('sha256').update(this.ajvVersion).update('\0').update(this.ajvRoot).update('\0').update(this.variant).update('\0').update(text).digest('hex').slice(0, 32);
    return join(this.dir, `${hash}.cjs`);
  }

  // The cache is not trusted blindly: a file that is not exactly what store wrote (empty, cut short, edited,
  // a link, a device) is ignored and rebuilt, and a loaded validator must still reject a value of the wrong type.
  /** The validator stored for the schema `text` (parsed: `schema`), if a sound one is there. */
  load(text: string, schema: object): ValidateFunction | undefined {
    const path = this.entryPath(text);
    if (!path) return undefined;
    let cached: { code: string; checksum: string };
    try {
      cached = verifiedCacheCode(readBoundedFile(path, MAX_CACHED_CODE_BYTES).toString('utf8'), path);
    } catch {
      return undefined;
    }
    try {
      // What V8 compiled of this code is kept beside it, named by the code's checksum and V8's version: parsing
      // and compiling a large validator costs more than reading that back. It is trusted as the code is (V8
      // refuses data another V8 made, and the validator must still pass rejectsWrongType).
      const compiledPath = join(dirname(path), `${cached.checksum.slice(0, 32)}-v8-${process.versions.v8}.bin`);
      const compiled = readCompiled(compiledPath, cached.checksum);
      const script = new Script(`${WRAPPER_HEAD}${cached.code}${WRAPPER_TAIL}`, { filename: path, cachedData: compiled });
      const module = { exports: {} as unknown };
      (script.runInThisContext() as (module: unknown, exports: unknown, require: NodeRequire) => void)(module, module.exports, this.require);
      const validator = module.exports as ValidateFunction;
      if (typeof validator !== 'function' || !rejectsWrongType(validator, schema)) {
        if (compiled !== undefined) rmSync(compiledPath, { force: true });
        return undefined;
      }
      // Made after the first call, so that the data also holds the inner functions V8 compiled only when called.
      if (compiled === undefined || script.cachedDataRejected === true) storeCompiled(compiledPath, cached.checksum, script.createCachedData());
      return validator;
    } catch {
      return undefined;
    }
  }

  /** Keeps `validator`, compiled by `ajv` (made with `code: { source: true }`) from the schema `text`. */
  store(text: string, ajv: Ajv, validator: ValidateFunction): void {
    const path = this.entryPath(text);
    if (!path) return;
    try {
      // The generated code requires ajv's runtime helpers by package name; an absolute path lets a cache
      // outside node_modules (OPENCLAW_VALIDATE_CACHE) load them too.
      // The module is CommonJS; its export is the function itself.
      const standaloneCode = this.require('ajv/dist/standalone/index.js') as typeof standaloneModule.default;
      const code = standaloneCode(ajv, validator).replaceAll('require("ajv/', `require(${JSON.stringify(`${this.ajvRoot}/`).slice(0, -1)}`);
      writeFileAtomically(path, withChecksum(code, path), 0o600);
    } catch {
      // A read-only or full disk only costs speed, never correctness.
    }
  }
}

/** The header binds the code to the file name it was written for, so a valid file copied over another fails too. */
function checksum(code: string, path: string): string {
  return createHash('sha256').update(basename(path)).update('\0').update(code).digest('hex');
}

function withChecksum(code: string, path: string): string {
  return `// openclaw-validate sha256:${checksum(code, path)}\n${code}`;
}

/** The code after the header, and its checksum, if the header matches it; throws otherwise. */
function verifiedCacheCode(file: string, path: string): { code: string; checksum: string } {
  const header = CHECKSUM_HEADER.exec(file);
  if (!header?.[1]) throw new Error('no checksum');
  const code = file.slice(header[0].length);
  if (header[1] !== checksum(code, path)) throw new Error('checksum mismatch');
  return { code, checksum: header[1] };
}

// V8 takes data made from another source of the same length (it checks only the length), and a process
// that compiled the code already never looks at the data: a digest, bound to the code, tells broken data.
// The wrapper is part of what V8 compiled: data made under another wrapper never matches.
function compiledDigest(codeChecksum: string, data: Uint8Array): Buffer {
  return createHash('sha256').update(WRAPPER_HEAD).update(WRAPPER_TAIL).update('\0').update(codeChecksum).update('\0').update(data).digest();
}

function readCompiled(path: string, codeChecksum: string): Buffer | undefined {
  try {
    const file = readBoundedFile(path, MAX_CACHED_CODE_BYTES);
    const data = file.subarray(DIGEST_BYTES);
    return file.length > DIGEST_BYTES && compiledDigest(codeChecksum, data).equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
  } catch {
    return undefined;
  }
}

function storeCompiled(path: string, codeChecksum: string, data: Buffer): void {
  try {
    writeFileAtomically(path, Buffer.concat([compiledDigest(codeChecksum, data), data]), 0o600);
  } catch {
    // Only costs speed, as for the code itself.
  }
}

/**
 * A validator that says yes to everything would pass the checksum if someone wrote both: the schema's own
 * root type, when it declares one, gives a value it must refuse.
 */
function rejectsWrongType(validator: ValidateFunction, schema: object): boolean {
  const type = (schema as { type?: unknown }).type;
  if (typeof type !== 'string') return true;
  const wrong = type === 'string' ? 0 : 'not the declared type';
  return validator(wrong) === false;
}
