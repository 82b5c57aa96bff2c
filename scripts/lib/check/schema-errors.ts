// Turns ajv's errors into one sentence per violation that a person reading a manifest understands.
import type { ErrorObject } from 'ajv';
import { humanPath, pointer, valueAtPointer } from '../model.ts';
import { INTEGER_RANGES, type IntegerFormat } from './integer-formats.ts';

export interface SchemaViolation {
  /** JSON pointer of the offending field. */
  path: string;
  message: string;
}

export function describeSchemaErrors(errors: readonly ErrorObject[], object: unknown): SchemaViolation[] {
  // Branch errors of anyOf/oneOf (int-or-string, quantities) say the same thing several times;
  // the combinator's own error is reported once with the types the branches allowed.
  const combinators = new Set(
    errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath),
  );
  const branchTypes = new Map<string, string[]>();
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  const push = (violation: SchemaViolation) => {
    const key = `${violation.path}\u0000${violation.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(violation);
    }
  };
  for (const error of errors) {
    if (combinators.has(error.instancePath) && error.keyword === 'type') {
      const types = branchTypes.get(error.instancePath) ?? [];
      types.push(String(error.params.type));
      branchTypes.set(error.instancePath, types);
      continue;
    }
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    push(describe(error, object));
  }
  for (const [path, types] of branchTypes) {
    push({ path, message: `${fieldName(path)} must be ${[...new Set(types)].join(' or ')}, got ${describeValue(valueAtPointer(object, path))}` });
  }
  return out;
}

function describe(error: ErrorObject, object: unknown): SchemaViolation {
  const path = error.instancePath;
  const where = humanPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return {
        path: path + pointer(field),
        message: `unknown field "${field}" in ${where === '' ? 'the top level' : where}`,
      };
    }
    case 'required':
      return {
        path,
        message: `missing required field "${String(params.missingProperty)}" in ${where === '' ? 'the top level' : where}`,
      };
    case 'type':
      return { path, message: `${fieldName(path)} must be ${String(params.type)}, got ${describeValue(valueAtPointer(object, path))}` };
    case 'enum':
      return {
        path,
        message: `${fieldName(path)} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}, got ${describeValue(valueAtPointer(object, path))}`,
      };
    case 'format': {
      const range = INTEGER_RANGES[String(params.format) as IntegerFormat];
      if (!range) break;
      return {
        path,
        message: `${fieldName(path)} must be an integer from ${range.shown} (${String(params.format)}), got ${describeValue(valueAtPointer(object, path))}`,
      };
    }
    case 'const':
      return { path, message: `${fieldName(path)} must be ${JSON.stringify(params.allowedValue)}` };
  }
  return { path, message: `${fieldName(path)} ${error.message ?? 'is invalid'}` };
}

function fieldName(path: string): string {
  return path === '' ? 'the document' : humanPath(path);
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}
