// Strict schema validation: one compiled validator per schema file, compiled once and cached on disk.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type standaloneModule from 'ajv/dist/standalone/index.js';
import type { KubeObject } from '../model.ts';
import { readBoundedFile } from '../bounded-file.ts';
import { cacheDir } from '../cache-dir.ts';
import { FORMATS_CACHE_KEY, integerFormats, integerFormatsCode } from './integer-formats.ts';
import { describeSchemaErrors, type SchemaViolation } from './schema-errors.ts';
import { schemaCandidates } from './schema-locations.ts';

export const VENDORED_SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'schemas');

export interface SchemaValidatorOptions {
  locations: readonly string[];
  kubernetesVersion: string;
  /** Where compiled validators are kept between runs; `false` disables the disk cache. */
  cacheDir?: string | false;
}

export type SchemaOutcome = { kind: 'valid' } | { kind: 'invalid'; violations: SchemaViolation[] } | { kind: 'missing'; tried: string[] };

/** Raised for a schema file that cannot be read or compiled: the tool cannot do its job (exit 2). */
export class SchemaLoadError extends Error {}

export class SchemaValidator {
  // Created on the first compile: a run whose validators all come from the cache never loads ajv's compiler.
  private compiler?: Ajv;
  private readonly byKind = new Map<string, ValidateFunction | null>();
  private readonly byFile = new Map<string, ValidateFunction>();
  private readonly require = createRequire(import.meta.url);
  private readonly ajvVersion: string;
  private readonly ajvRoot: string;

  constructor(private readonly options: SchemaValidatorOptions) {
    this.ajvVersion = (this.require('ajv/package.json') as { version: string }).version;
    this.ajvRoot = dirname(this.require.resolve('ajv/package.json'));
  }

  validate(object: KubeObject): SchemaOutcome {
    const validator = this.validatorFor(object.apiVersion, object.kind);
    if (validator === null) {
      return { kind: 'missing', tried: schemaCandidates(this.options.locations, this.options.kubernetesVersion, object.apiVersion, object.kind) };
    }
    if (validator(object)) return { kind: 'valid' };
    return { kind: 'invalid', violations: describeSchemaErrors((validator.errors ?? []) as ErrorObject[], object) };
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | null {
    const key = `${apiVersion}\u0000${kind}`;
    let validator = this.byKind.get(key);
    if (validator === undefined) {
      const file = schemaCandidates(this.options.locations, this.options.kubernetesVersion, apiVersion, kind).find(existsSync);
      validator = file ? this.compileFile(file) : null;
      this.byKind.set(key, validator);
    }
    return validator;
  }

  private compileFile(file: string): ValidateFunction {
    const known = this.byFile.get(file);
    if (known) return known;
    let text: string;
    let schema: object;
    try {
      text = readFileSync(file, 'utf8');
      schema = JSON.parse(text) as object;
    } catch (error) {
      throw new SchemaLoadError(`cannot read schema ${file}: ${(error as Error).message}`);
    }
    const validator = this.fromCache(text, schema) ?? this.compile(schema, text, file);
    this.byFile.set(file, validator);
    return validator;
  }

  private compile(schema: object, text: string, file: string): ValidateFunction {
    let validator: ValidateFunction;
    try {
      validator = this.ajv().compile(schema);
    } catch (error) {
      throw new SchemaLoadError(`cannot compile schema ${file}: ${(error as Error).message}`);
    }
    this.toCache(text, validator);
    return validator;
  }

  private ajv(): Ajv {
    if (!this.compiler) {
      const { Ajv: Compiler } = this.require('ajv') as typeof import('ajv');
      // Only int32/int64 are checked; other formats are unknown to ajv and ignored (logger off: no warning each).
      this.compiler = new Compiler({ strict: false, allErrors: true, formats: integerFormats, logger: false, code: { source: true, formats: integerFormatsCode } });
    }
    return this.compiler;
  }

  private cachePath(text: string): string | undefined {
    const dir = this.options.cacheDir === undefined ? join(cacheDir(), 'ajv') : this.options.cacheDir;
    if (dir === false) return undefined;
    const hash = createHash('sha256').update(this.ajvVersion).update('\0').update(this.ajvRoot).update('\0').update(FORMATS_CACHE_KEY).update('\0').update(text).digest('hex').slice(0, 32);
    return join(dir, `${hash}.cjs`);
  }

  // Compiling a large strict schema takes far longer than loading the code ajv generated for it. The cache
  // is not trusted blindly: a file that is not exactly what toCache wrote (empty, cut short, edited, a link,
  // a device) is ignored and rebuilt, and a loaded validator must still reject a value of the wrong type.
  private fromCache(text: string, schema: object): ValidateFunction | undefined {
    const path = this.cachePath(text);
    if (!path) return undefined;
    let code: string;
    try {
      code = verifiedCacheCode(readBoundedFile(path, MAX_CACHED_CODE_BYTES).toString('utf8'), path);
    } catch {
      return undefined;
    }
    try {
      const module = { exports: {} as unknown };
      // The same wrapper Node gives a CommonJS file; `require` resolves ajv's runtime helpers.
      new Function('module', 'exports', 'require', code)(module, module.exports, this.require);
      const validator = module.exports as ValidateFunction;
      return typeof validator === 'function' && rejectsWrongType(validator, schema) ? validator : undefined;
    } catch {
      return undefined;
    }
  }

  private toCache(text: string, validator: ValidateFunction): void {
    const path = this.cachePath(text);
    if (!path) return;
    try {
      // The generated code requires ajv's runtime helpers by package name; an absolute path lets a cache
      // outside node_modules (OPENCLAW_VALIDATE_CACHE) load them too.
      // The module is CommonJS; its export is the function itself.
      const standaloneCode = this.require('ajv/dist/standalone/index.js') as typeof standaloneModule.default;
      const code = standaloneCode(this.ajv(), validator).replaceAll('require("ajv/', `require(${JSON.stringify(`${this.ajvRoot}/`).slice(0, -1)}`);
      mkdirSync(dirname(path), { recursive: true });
      // Written whole under a private name, then renamed: a reader sees the old file or the new one, never
      // half of one. `wx` refuses to write through anything already at the temporary name.
      const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
      writeFileSync(partial, withChecksum(code, path), { flag: 'wx', mode: 0o600 });
      renameSync(partial, path);
    } catch {
      // A read-only or full disk only costs speed, never correctness.
    }
  }
}

/** Far above the code of the largest vendored schema; a bound so that a hostile cache file cannot exhaust memory. */
const MAX_CACHED_CODE_BYTES = 64 * 1024 * 1024;
const CHECKSUM_HEADER = /^\/\/ openclaw-validate sha256:([0-9a-f]{64})\n/;

/** The header binds the code to the file name it was written for, so a valid file copied over another fails too. */
function checksum(code: string, path: string): string {
  return createHash('sha256').update(basename(path)).update('\0').update(code).digest('hex');
}

function withChecksum(code: string, path: string): string {
  return `// openclaw-validate sha256:${checksum(code, path)}\n${code}`;
}

/** The code after the header, if the header matches it; throws otherwise. */
function verifiedCacheCode(file: string, path: string): string {
  const header = CHECKSUM_HEADER.exec(file);
  if (!header) throw new Error('no checksum');
  const code = file.slice(header[0].length);
  if (header[1] !== checksum(code, path)) throw new Error('checksum mismatch');
  return code;
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
