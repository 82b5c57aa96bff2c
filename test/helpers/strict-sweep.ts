// Whether a strict consumer can compile every vendored schema, without compiling 15 MB of schemas whose
// definitions (PodSpec, ObjectMeta, JSONSchemaProps...) repeat in every file and every Kubernetes minor.
//
// Why checking each distinct sub-schema once gives the verdict of compiling each file (ajv 8, draft-07):
// - Strict mode judges one schema object by its own keywords: unknown keywords, formats, `pattern` regexes,
//   tuples, if/then/else, patternProperties against properties. None of these looks at what a `$ref` points to.
// - The checks that read context are `strictTypes` (the types of the enclosing object) and `strictRequired`
//   (names defined around a `required`). Ajv starts both afresh where the data changes: below properties,
//   patternProperties, additionalProperties, items, additionalItems, contains, and across every `$ref`.
//   So the sweep cuts a schema exactly there: each such child becomes a unit of its own, and its place in the
//   parent becomes `true`, which ajv skips. Under patternProperties it becomes a `$ref` to `true` instead: ajv
//   compares the patterns with the properties only when some pattern's schema is not always valid.
//   allOf/anyOf/oneOf/not/if/then/else/dependencies/propertyNames keep their children, since those share the
//   parent's type context. Every `$ref` points to `true` (the units it pointed to are checked on their own).
// - Each distinct unit (by content) is compiled once, as a property of one combined schema: the position that
//   gives it a fresh context, as it had in its file. With nothing defined around it, `strictRequired` is at least
//   as strict as in the file (ajv also accepts names defined by enclosing schemas), never more lenient.
// - ajv's meta-schema check is context-free too, and sees every unit; all definitions are units, referenced or not.
// What a unit cannot show: whether a `$ref` resolves in its own file. The caller checks that separately.
import type { Ajv } from 'ajv';
import { strictCompiler } from './strict-schemas.ts';

type Schema = Record<string, unknown>;
const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const ALWAYS_VALID = 'always-valid';
const REF_TO_TRUE = Object.freeze({ $ref: `#/definitions/${ALWAYS_VALID}` });
// Keywords whose subschemas validate another value than their parent's (ajv resets the context there).
const NEW_DATA = new Set(['additionalProperties', 'additionalItems', 'items', 'contains']);
const NEW_DATA_MAPS = new Set(['properties', 'patternProperties']);
// Keywords whose subschemas validate the parent's own value, in the parent's context.
const SAME_DATA = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'propertyNames']);

const isSchemaObject = (node: unknown): node is Schema => node !== null && typeof node === 'object' && !Array.isArray(node);
const escape = (name: string): string => name.replace(/~/g, '~0').replace(/\//g, '~1');

/** Told of every unit: its content as the key to tell units apart, the unit, its JSON pointer in the file. */
type Found = (key: string, unit: Schema, at: string) => void;

/** Tells `found` of `node` and every unit below it; returns what stands in its place in the parent. */
function cut(node: unknown, at: string, found: Found, standIn: unknown = true): unknown {
  // Booleans and {} are always valid and carry nothing strict mode could refuse: they stay where they are.
  if (!isSchemaObject(node) || Object.keys(node).length === 0) return node;
  const unit = rewrite(node, at, found);
  found(JSON.stringify(unit), unit, at);
  return standIn;
}

function rewrite(node: Schema, at: string, found: Found): Schema {
  const keep = (child: unknown, where: string): unknown => (isSchemaObject(child) ? rewrite(child, where, found) : child);
  const out: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    const where = `${at}/${escape(keyword)}`;
    if (keyword === '$ref' && typeof value === 'string') out[keyword] = REF_TO_TRUE.$ref;
    else if (NEW_DATA.has(keyword)) out[keyword] = Array.isArray(value) ? value.map((c, i) => cut(c, `${where}/${i}`, found)) : cut(value, where, found);
    else if (NEW_DATA_MAPS.has(keyword) && isSchemaObject(value)) {
      out[keyword] = Object.fromEntries(Object.entries(value).map(([name, c]) => [name, cut(c, `${where}/${escape(name)}`, found, keyword === 'patternProperties' ? REF_TO_TRUE : true)]));
    } else if (SAME_DATA.has(keyword)) out[keyword] = Array.isArray(value) ? value.map((c, i) => keep(c, `${where}/${i}`)) : keep(value, where);
    else if (keyword === 'dependencies' && isSchemaObject(value)) {
      // A list of names is a property dependency, not a schema.
      out[keyword] = Object.fromEntries(Object.entries(value).map(([name, c]) => [name, keep(c, `${where}/${escape(name)}`)]));
    } else out[keyword] = value;
  }
  return out;
}

/** Every unit of one file: its root without `$schema` and `definitions`, and each definition. */
function cutFile(schema: Schema, found: Found, skipDefinition: (definition: unknown) => boolean = () => false): void {
  const { $schema: _draft, definitions, ...root } = schema;
  cut(root, '', found);
  for (const [name, definition] of Object.entries(isSchemaObject(definitions) ? definitions : {})) {
    if (!skipDefinition(definition)) cut(definition, `/definitions/${escape(name)}`, found);
  }
}

const combined = (units: Iterable<Schema>): Schema => {
  const properties: Schema = {};
  let i = 0;
  for (const unit of units) properties[`unit${i++}`] = unit;
  return { $schema: DRAFT_07, type: 'object', definitions: { [ALWAYS_VALID]: true }, properties };
};

// ajv names schema paths inside the combined schema; make them relative to the unit, whose place is named.
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error)).replace(/#\/properties\/unit\d+/g, '#');

/**
 * What strict mode refuses in these schemas (file name → parsed schema), one line per distinct problem naming
 * the file and JSON pointer where it occurs; empty when a strict consumer can compile every file.
 */
export function strictSweep(files: Iterable<readonly [string, Schema]>, compiler: () => Ajv = strictCompiler): string[] {
  const entries = [...files];
  const units = new Map<string, Schema>();
  // A definition whose text was seen already yields the same units again: skip the walk.
  const seen = new Set<string>();
  const once = (definition: unknown): boolean => {
    const text = JSON.stringify(definition);
    return seen.has(text) || !seen.add(text);
  };
  for (const [, schema] of entries) cutFile(schema, (key, unit) => units.set(key, unit), once);
  const ajv = compiler();
  try {
    ajv.compile(combined(units.values()));
    return [];
  } catch (whole) {
    // Something is refused: compile unit by unit to learn which, then find where each of those occurs.
    const refused = new Map<string, string>();
    for (const [key, unit] of units) {
      try {
        ajv.compile(combined([unit]));
      } catch (error) {
        refused.set(key, messageOf(error));
      }
    }
    if (refused.size === 0) return [`the combined schema: ${messageOf(whole)}`];
    const places = new Map<string, string[]>();
    for (const [file, schema] of entries) {
      cutFile(schema, (key, _unit, at) => {
        if (refused.has(key)) places.set(key, [...(places.get(key) ?? []), `${file} at ${at || 'its root'}`]);
      });
    }
    return [...refused].map(([key, message]) => {
      const where = places.get(key) ?? [];
      const more = where.length > 5 ? ` and ${where.length - 5} more places` : '';
      return `${where.slice(0, 5).join(', ')}${more}: ${message}`;
    });
  }
}
