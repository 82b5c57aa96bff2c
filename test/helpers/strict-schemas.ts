// The vendored schemas compiled the way the runtime contract promises any strict consumer can: Ajv with
// `strict: true` (unknown keywords, formats and type mismatches are errors), all errors, and only the
// int32/int64 formats. One compiler and one compiled validator per file, shared by every test in the worker.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { integerFormats } from '../../scripts/lib/check/integer-formats.ts';
import { SCHEMAS_DIR } from '../../scripts/schemas/paths.ts';

/**
 * A new strict compiler. `optimize: false` skips ajv's clean-up passes over the code it generates, which
 * took about half of the compile time; those passes only shorten code, while the strict-mode checks run
 * on the schema before any code exists, so a schema strict mode refuses throws all the same.
 */
export const strictCompiler = (): Ajv => new Ajv({ strict: true, allErrors: true, formats: integerFormats, code: { optimize: false } });

export const readSchema = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(SCHEMAS_DIR, file), 'utf8')) as Record<string, unknown>;

let shared: Ajv | undefined;
const compiled = new Map<string, ValidateFunction>();

/** The strict validator of a file under schemas/ (compiled on first use); throws if strict mode refuses it. */
export function strictValidator(file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (!validate) {
    shared ??= strictCompiler();
    validate = shared.compile(readSchema(file));
    compiled.set(file, validate);
  }
  return validate;
}

/** `instancePath message` of each error the schema reports for a YAML document; empty when it is valid. */
export function schemaErrors(file: string, yaml: string): string[] {
  const validate = strictValidator(file);
  return validate(parse(yaml)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim());
}
