// A CustomResourceDefinition's openAPIV3Schema (a Kubernetes "structural schema", OpenAPI 3.0 dialect) →
// a strict draft-07 JSON Schema that Ajv compiles. Closed wherever properties are declared, like the vendored
// schemas; the Kubernetes extensions become what the API server does with them; value constraints are kept.

export type JsonSchema = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

// Keywords that check a value and mean the same in OpenAPI 3.0 and draft-07.
const KEPT = ['enum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf', 'minProperties', 'maxProperties'] as const;
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);

/** Converts one node; `embedded` marks an `x-kubernetes-embedded-resource` object (apiVersion/kind/metadata implied). */
export function convertOpenApi(node: unknown): JsonSchema {
  if (!isRecord(node)) return {};
  const out: JsonSchema = {};
  const intOrString = node['x-kubernetes-int-or-string'] === true;
  const preserve = node['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;

  if (intOrString) out.anyOf = [{ type: 'string' }, { type: 'integer' }];
  else if (typeof node.type === 'string' && TYPES.has(node.type)) out.type = node.type;

  for (const keyword of KEPT) if (node[keyword] !== undefined) out[keyword] = node[keyword];
  copyBounds(node, out);
  const pattern = usablePattern(node.pattern);
  if (pattern !== undefined) out.pattern = pattern;

  const properties = isRecord(node.properties) ? node.properties : undefined;
  if (properties || embedded) {
    const converted: Record<string, JsonSchema> = {};
    for (const name of Object.keys(properties ?? {}).sort()) converted[name] = convertOpenApi(properties![name]);
    // The API server accepts and checks these on an embedded object even when the CRD does not list them.
    if (embedded) {
      converted.apiVersion ??= { type: 'string' };
      converted.kind ??= { type: 'string' };
      converted.metadata ??= { type: 'object' };
    }
    out.properties = converted;
  }
  if (isRecord(node.additionalProperties)) out.additionalProperties = convertOpenApi(node.additionalProperties);
  else if (node.additionalProperties === true || preserve) out.additionalProperties = true;
  else if (out.properties) out.additionalProperties = false;
  if (Array.isArray(node.required) && node.required.length > 0) out.required = [...node.required];

  if (node.items !== undefined) out.items = Array.isArray(node.items) ? node.items.map(convertOpenApi) : convertOpenApi(node.items);
  for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
    // Inside these, a structural schema may only restrict values: each branch is kept as a constraint,
    // opened up so that it does not also forbid the fields the outer schema declares.
    if (Array.isArray(node[keyword])) out[keyword === 'anyOf' && intOrString ? 'allOf' : keyword] = node[keyword].map(valueBranch);
  }
  if (isRecord(node.not)) out.not = valueBranch(node.not);

  // A nullable field also accepts null, which the API server treats as unset.
  if (node.nullable === true) return { anyOf: [{ type: 'null' }, out] };
  return out;
}

function valueBranch(node: unknown): JsonSchema {
  const converted = convertOpenApi(node);
  if (converted.additionalProperties === false) delete converted.additionalProperties;
  return converted;
}

/** OpenAPI 3.0 writes exclusive bounds as booleans beside minimum/maximum; draft-07 writes them as numbers. */
function copyBounds(node: Record<string, unknown>, out: JsonSchema): void {
  for (const [bound, exclusive] of [['minimum', 'exclusiveMinimum'], ['maximum', 'exclusiveMaximum']] as const) {
    if (typeof node[bound] !== 'number') continue;
    if (node[exclusive] === true) out[exclusive] = node[bound];
    else out[bound] = node[bound];
  }
}

/**
 * The API server matches patterns with Go's RE2; Ajv with JavaScript's RegExp. A pattern JavaScript cannot
 * read (`(?i)`, `\z`) is dropped rather than made to reject every value.
 */
function usablePattern(pattern: unknown): string | undefined {
  if (typeof pattern !== 'string') return undefined;
  try {
    new RegExp(pattern, 'u');
    return pattern;
  } catch {
    return undefined;
  }
}
