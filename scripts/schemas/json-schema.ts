// The small JSON Schema (draft-07) vocabulary the vendored schemas use, and the shapes the
// runtime contract fixes (int-or-string, Quantity, "anything").

export interface JsonSchema {
  $schema?: string;
  $ref?: string;
  type?: 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array';
  /** int32/int64 on integers: the range the API server decodes into. */
  format?: 'int32' | 'int64';
  const?: string;
  enum?: (string | number | boolean)[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: JsonSchema | false;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  definitions?: Record<string, JsonSchema>;
}

export const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';

export const anything = (): JsonSchema => ({});
export const stringType = (): JsonSchema => ({ type: 'string' });
export const intOrString = (): JsonSchema => ({ anyOf: [{ type: 'string' }, { type: 'integer' }] });
/** Quantities are written both ways in manifests (`cpu: 1`, `memory: 512Mi`). */
export const quantity = (): JsonSchema => ({ anyOf: [{ type: 'string' }, { type: 'number' }] });
export const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
export const anyOf = (options: JsonSchema[]): JsonSchema => ({ anyOf: options });
export const mapOf = (values: JsonSchema): JsonSchema => ({ type: 'object', additionalProperties: values });

/** A closed object: unknown fields are rejected, as kubeconform -strict does. */
export function strictObject(properties: Record<string, JsonSchema>, required: string[]): JsonSchema {
  const schema: JsonSchema = { type: 'object', properties, additionalProperties: false };
  if (required.length > 0) schema.required = [...required].sort();
  return schema;
}

/**
 * The root of a kind's file: the shared definition plus `apiVersion`/`kind` pinned and required. The shared
 * definition stays as it is, because the same type nested elsewhere (a PVC in `volumeClaimTemplates`)
 * must not require them.
 */
export function kindRoot(definition: JsonSchema, apiVersion: string, kind: string): JsonSchema {
  return {
    ...definition,
    properties: {
      ...definition.properties,
      apiVersion: { type: 'string', const: apiVersion },
      kind: { type: 'string', const: kind },
    },
    required: [...new Set([...(definition.required ?? []), 'apiVersion', 'kind'])].sort(),
    additionalProperties: false,
  };
}

/** Names of the definitions a schema points at directly. */
export function refsOf(schema: JsonSchema): string[] {
  const found: string[] = [];
  const visit = (node: JsonSchema): void => {
    if (node.$ref) found.push(node.$ref.replace('#/definitions/', ''));
    for (const child of Object.values(node.properties ?? {})) visit(child);
    if (node.additionalProperties) visit(node.additionalProperties);
    if (node.items) visit(node.items);
    for (const option of node.anyOf ?? []) visit(option);
  };
  visit(schema);
  return found;
}

/** Every definition reachable from `root`, so a file carries exactly what it needs. */
export function closure(root: JsonSchema, definitions: ReadonlyMap<string, JsonSchema>): Record<string, JsonSchema> {
  const picked = new Map<string, JsonSchema>();
  const pending = refsOf(root);
  while (pending.length > 0) {
    const name = pending.pop()!;
    if (picked.has(name)) continue;
    const definition = definitions.get(name);
    if (!definition) throw new Error(`schema generator: definition ${name} is referenced but was never built`);
    picked.set(name, definition);
    for (const ref of refsOf(definition)) pending.push(ref);
  }
  return Object.fromEntries([...picked].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
