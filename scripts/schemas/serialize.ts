// Byte-stable JSON for schema documents: schema keywords in a fixed reading order, property and
// definition names sorted by code unit (locale-independent), two-space indent, trailing newline.
import type { JsonSchema } from './json-schema.ts';

const KEYWORD_ORDER = ['$schema', '$ref', 'type', 'const', 'enum', 'anyOf', 'properties', 'required', 'additionalProperties', 'items', 'definitions'];

const byCodeUnit = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const keywordRank = (key: string): number => {
  const rank = KEYWORD_ORDER.indexOf(key);
  return rank === -1 ? KEYWORD_ORDER.length : rank;
};

function sortedNames(schemas: Record<string, JsonSchema>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(schemas).sort(byCodeUnit).map((name) => [name, canonical(schemas[name]!)]));
}

function canonical(schema: JsonSchema): Record<string, unknown> {
  const keys = Object.keys(schema).sort((a, b) => keywordRank(a) - keywordRank(b) || byCodeUnit(a, b));
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const value = schema[key as keyof JsonSchema];
    if (key === 'properties' || key === 'definitions') out[key] = sortedNames(value as Record<string, JsonSchema>);
    else if (key === 'items' || (key === 'additionalProperties' && value !== false)) out[key] = canonical(value as JsonSchema);
    else if (key === 'anyOf') out[key] = (value as JsonSchema[]).map(canonical);
    else out[key] = value;
  }
  return out;
}

export function stableJson(schema: JsonSchema): string {
  return `${JSON.stringify(canonical(schema), null, 2)}\n`;
}
