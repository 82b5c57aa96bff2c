// An application's own JSON Schema, loaded by the configuration layer and handed to the app-config rule.
// OpenClaw's is 2.4 MB: compiled whole it takes many seconds, so only the top-level sections a config
// uses are compiled, each once (the rest of the document is never touched), and the code ajv generates for
// a section is kept in the validator cache: compiling the sections OpenClaw's config uses costs most of a
// second, loading their code a few milliseconds.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import { cacheDir } from '../cache-dir.ts';
import { CompiledCache } from '../check/compiled-cache.ts';
import { isRecord } from '../model.ts';

/** How `ajv()` sets up the compiler: cached code generated under other options must not load. */
const COMPILER_OPTIONS = { strict: false, allErrors: true, validateFormats: false } as const;
const CACHE_VARIANT = `app-config ${JSON.stringify(COMPILER_OPTIONS)}`;

export interface AppSchemaError {
  /** JSON pointer inside the config. */
  pointer: string;
  message: string;
}

export class AppSchema {
  // Created on the first config checked: most runs have no declared ConfigMap, and ajv is a fair part of start-up.
  private compiler?: Ajv;
  private readonly sections = new Map<string, ValidateFunction>();

  private document?: Record<string, unknown>;

  private cache?: CompiledCache;

  /**
   * `schema` may be a function that reads the document, called on the first config validated. `cacheDirectory`:
   * where compiled sections are kept (default: the validator cache; `false`: nowhere).
   */
  constructor(
    readonly file: string,
    private readonly source: Record<string, unknown> | (() => Record<string, unknown>),
    private readonly cacheDirectory: string | false = join(cacheDir(), 'ajv'),
  ) {}

  private get schema(): Record<string, unknown> {
    this.document ??= typeof this.source === 'function' ? this.source() : this.source;
    return this.document;
  }

  validate(config: unknown): AppSchemaError[] {
    const properties = isRecord(this.schema.properties) ? this.schema.properties : undefined;
    if (!properties || this.schema.type !== 'object' || !isRecord(config)) return this.validateWhole(config);
    const errors: AppSchemaError[] = [];
    for (const [key, value] of Object.entries(config)) {
      const section = properties[key];
      if (section === undefined) {
        if (this.schema.additionalProperties === false) errors.push({ pointer: `/${escape(key)}`, message: `unknown key "${key}"` });
        continue;
      }
      const validator = this.sectionValidator(key, section);
      if (!validator(value)) errors.push(...describe(validator.errors ?? [], `/${escape(key)}`));
    }
    for (const required of Array.isArray(this.schema.required) ? this.schema.required.map(String) : []) {
      if (!(required in config)) errors.push({ pointer: '', message: `missing required key "${required}"` });
    }
    return errors;
  }

  private sectionValidator(key: string, section: unknown): ValidateFunction {
    let validator = this.sections.get(key);
    if (!validator) {
      // References into the section were written from the document root: make them section-relative.
      const prefix = `#/properties/${escape(key)}`;
      const rebased = JSON.parse(JSON.stringify(section), (name, value: unknown) =>
        name === '$ref' && typeof value === 'string' && value.startsWith(`${prefix}/`) ? `#${value.slice(prefix.length)}` : value,
      ) as Record<string, unknown>;
      validator = this.compiled(rebased);
      this.sections.set(key, validator);
    }
    return validator;
  }

  /** The cached code for `schema` when there is sound code for it; compiled (and cached) otherwise. */
  private compiled(schema: Record<string, unknown>): ValidateFunction {
    this.cache ??= new CompiledCache(this.cacheDirectory, CACHE_VARIANT);
    const text = JSON.stringify(schema);
    const cached = this.cache.load(text, schema);
    if (cached) return cached;
    const validator = this.ajv().compile(schema);
    this.cache.store(text, this.ajv(), validator);
    return validator;
  }

  private ajv(): Ajv {
    if (!this.compiler) {
      const { Ajv: Compiler } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      // `code.source` keeps the generated code, which the cache stores.
      this.compiler = new Compiler({ ...COMPILER_OPTIONS, code: { source: true } });
    }
    return this.compiler;
  }

  private validateWhole(config: unknown): AppSchemaError[] {
    let validator = this.sections.get('');
    if (!validator) {
      validator = this.compiled(this.schema);
      this.sections.set('', validator);
    }
    return validator(config) ? [] : describe(validator.errors ?? [], '');
  }
}

/**
 * One message per place: an `anyOf` of constants becomes "must be one of a, b, c" instead of one
 * error per alternative; an unknown key points at the key itself.
 */
function describe(errors: readonly ErrorObject[], prefix: string): AppSchemaError[] {
  const out: AppSchemaError[] = [];
  const anyOfPaths = new Set(errors.filter((error) => error.keyword === 'anyOf' || error.keyword === 'oneOf').map((error) => error.instancePath));
  for (const error of errors) {
    const pointer = prefix + error.instancePath;
    if (anyOfPaths.has(error.instancePath) && error.keyword !== 'anyOf' && error.keyword !== 'oneOf' && /\/(anyOf|oneOf)\/\d+/.test(error.schemaPath)) continue;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty?: string }).additionalProperty);
      out.push({ pointer: `${pointer}/${escape(key)}`, message: `unknown key "${key}"` });
    } else if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const allowed = errors
        .filter((other) => other.instancePath === error.instancePath && other.keyword === 'const')
        .map((other) => JSON.stringify((other.params as { allowedValue?: unknown }).allowedValue));
      out.push({ pointer, message: allowed.length > 0 ? `must be one of ${allowed.join(', ')}` : `matches none of the allowed shapes` });
    } else out.push({ pointer, message: error.message ?? error.keyword });
  }
  const seen = new Set<string>();
  return out.filter((error) => !seen.has(`${error.pointer}\0${error.message}`) && seen.add(`${error.pointer}\0${error.message}`));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
