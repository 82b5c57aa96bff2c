// Strict schema validation: one compiled validator per schema file, compiled once and cached on disk.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { KubeObject } from '../model.ts';
import { cacheDir } from '../cache-dir.ts';
import { CompiledCache } from './compiled-cache.ts';
import { fileIdentity, keepsLoadedValidators, keepValidator, keptValidator } from './loaded-validators.ts';
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

export type MissingSchema = { kind: 'missing'; readonly tried: readonly string[] };
export type SchemaOutcome = { kind: 'valid' } | { kind: 'invalid'; violations: SchemaViolation[] } | MissingSchema;

/** Raised for a schema file that cannot be read or compiled: the tool cannot do its job (exit 2). */
export class SchemaLoadError extends Error {}

export class SchemaValidator {
  // Created on the first compile: a run whose validators all come from the cache never loads ajv's compiler.
  private compiler?: Ajv;
  /** The validator of each apiVersion and kind, or what was tried without finding one (many resources share it). */
  private readonly byKind = new Map<string, ValidateFunction | MissingSchema>();
  private readonly byFile = new Map<string, ValidateFunction>();
  private readonly require = createRequire(import.meta.url);
  private readonly cache: CompiledCache;

  /** The cache directory and compiler, which a validator kept in this process (keptValidator) was made for. */
  private readonly cacheKey: string;

  constructor(private readonly options: SchemaValidatorOptions) {
    const directory = options.cacheDir === undefined ? join(cacheDir(), 'ajv') : options.cacheDir;
    this.cache = new CompiledCache(directory, FORMATS_CACHE_KEY);
    this.cacheKey = `${String(directory)}\0${FORMATS_CACHE_KEY}`;
  }

  validate(object: KubeObject): SchemaOutcome {
    const validator = this.validatorFor(object.apiVersion, object.kind);
    if (typeof validator !== 'function') return validator;
    if (validator(object)) return { kind: 'valid' };
    return { kind: 'invalid', violations: describeSchemaErrors((validator.errors ?? []) as ErrorObject[], object) };
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | MissingSchema {
    const key = `${apiVersion}\u0000${kind}`;
    let validator = this.byKind.get(key);
    if (validator === undefined) {
      const tried = schemaCandidates(this.options.locations, this.options.kubernetesVersion, apiVersion, kind);
      const file = tried.find(existsSync);
      validator = file ? this.compileFile(file) : { kind: 'missing', tried };
      this.byKind.set(key, validator);
    }
    return validator;
  }

  private compileFile(file: string): ValidateFunction {
    const known = this.byFile.get(file) ?? keptValidator(this.cacheKey, file);
    if (known) {
      this.byFile.set(file, known);
      return known;
    }
    // Taken before the read only where validators are kept: a command run does not stat or hash for it.
    const identity = keepsLoadedValidators() ? fileIdentity(file, true) : undefined;
    let text: string;
    let schema: object;
    try {
      text = readFileSync(file, 'utf8');
      schema = JSON.parse(text) as object;
    } catch (error) {
      throw new SchemaLoadError(`cannot read schema ${file}: ${(error as Error).message}`);
    }
    const validator = this.cache.load(text, schema) ?? this.compile(schema, text, file);
    this.byFile.set(file, validator);
    const entry = identity === undefined ? undefined : this.cache.entryPath(text);
    if (entry) keepValidator(this.cacheKey, file, identity, entry, validator);
    return validator;
  }

  private compile(schema: object, text: string, file: string): ValidateFunction {
    let validator: ValidateFunction;
    try {
      validator = this.ajv().compile(schema);
    } catch (error) {
      throw new SchemaLoadError(`cannot compile schema ${file}: ${(error as Error).message}`);
    }
    this.cache.store(text, this.ajv(), validator);
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
}
