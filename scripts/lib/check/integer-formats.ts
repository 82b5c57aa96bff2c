// `format: int32` / `int64`: the range Kubernetes decodes the number into. A strict schema says only
// `type: integer`, which 1e29 satisfies; the API server then fails to decode it into an int32 field.
import type { Format } from 'ajv';
import { _Code } from 'ajv/dist/compile/codegen/code.js';

export const INTEGER_RANGES = {
  int32: { min: -(2 ** 31), max: 2 ** 31 - 1, shown: '-2147483648 to 2147483647' },
  // 2^63-1 is not a double; the largest double below 2^63 is 2^63-1024.
  int64: { min: -(2 ** 63), max: 2 ** 63 - 1024, shown: '-9223372036854775808 to 9223372036854775807' },
} as const;

export type IntegerFormat = keyof typeof INTEGER_RANGES;

// Only the range: a fraction is already reported by `type: integer`.
const inRange = (format: IntegerFormat) => (value: number) => value >= INTEGER_RANGES[format].min && value <= INTEGER_RANGES[format].max;

/** For ajv's `formats` option. Every other format stays unchecked, as before (`validateFormats` was off). */
export const integerFormats: Record<IntegerFormat, Format> = {
  int32: { type: 'number', validate: inRange('int32') },
  int64: { type: 'number', validate: inRange('int64') },
};

/**
 * The same formats as source for ajv's standalone code (the on-disk validator cache): the generated module
 * must carry them, because it cannot reach this module's functions.
 */
export const integerFormatsCode = new _Code(
  `({${(Object.keys(INTEGER_RANGES) as IntegerFormat[])
    .map((name) => `${name}:{type:"number",validate:(n)=>n>=${INTEGER_RANGES[name].min}&&n<=${INTEGER_RANGES[name].max}}`)
    .join(',')}})`,
);

/** Part of the cache key: validators compiled before these formats existed must not be reused. */
export const FORMATS_CACHE_KEY = 'formats:int32,int64';
