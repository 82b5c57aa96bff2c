// A Kubernetes minor that no package on the npm registry describes (1.35: no @kubernetes/client-node release,
// kubernetes-models or kubernetes-types was generated from it) is bridged from its two neighbours: each file is
// the union of the older and the newer release's, accepting whatever either accepts and requiring only what
// both require. Built-in APIs only grow between two releases except for alpha and beta ones, so the union
// never rejects a manifest the missing release accepts; what it can miss is a field or kind that only one
// neighbour serves. schemas/README.md says so, and test/schemas-bridge.test.ts measures it on 1.33.
import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '../json-schema.ts';

export interface Bridge {
  version: string;
  older: string;
  newer: string;
}

const minorOf = (version: string): number => Number(version.split('.')[1]);

/** Each minor missing between two consecutive generated releases (versions oldest first, `1.34.0`). */
export function bridgedVersions(versions: readonly string[]): Bridge[] {
  const bridges: Bridge[] = [];
  for (let i = 1; i < versions.length; i++) {
    const older = versions[i - 1]!;
    const newer = versions[i]!;
    for (let minor = minorOf(older) + 1; minor < minorOf(newer); minor++) bridges.push({ version: `1.${minor}.0`, older, newer });
  }
  return bridges;
}

const isAnything = (schema: JsonSchema): boolean => Object.keys(schema).length === 0;

/** The options of an `anyOf`, or the schema itself as the only one. */
const optionsOf = (schema: JsonSchema): JsonSchema[] => (schema.anyOf && Object.keys(schema).length === 1 ? schema.anyOf : [schema]);

function eitherOf(a: JsonSchema, b: JsonSchema): JsonSchema {
  const options: JsonSchema[] = [];
  for (const option of [...optionsOf(a), ...optionsOf(b)]) {
    if (!options.some((known) => isDeepStrictEqual(known, option))) options.push(option);
  }
  return options.length === 1 ? options[0]! : { anyOf: options };
}

/** A schema that accepts every value `a` or `b` accepts, and no other value where both agree. */
export function unionSchema(a: JsonSchema, b: JsonSchema): JsonSchema {
  if (isDeepStrictEqual(a, b)) return a;
  if (isAnything(a) || isAnything(b)) return {};
  if (a.$ref || b.$ref || a.anyOf || b.anyOf || a.type !== b.type || a.const !== b.const) return eitherOf(a, b);
  const merged: JsonSchema = { ...a };
  if (a.format !== b.format) merged.format = 'int64';
  if (a.enum || b.enum) {
    if (a.enum && b.enum) merged.enum = [...new Set([...a.enum, ...b.enum])];
    else delete merged.enum;
  }
  if (a.items && b.items) merged.items = unionSchema(a.items, b.items);
  if (a.properties || b.properties) {
    const properties: Record<string, JsonSchema> = { ...b.properties, ...a.properties };
    for (const [name, schema] of Object.entries(b.properties ?? {})) {
      if (a.properties?.[name]) properties[name] = unionSchema(a.properties[name], schema);
    }
    merged.properties = properties;
  }
  const required = (a.required ?? []).filter((name) => b.required?.includes(name));
  if (required.length > 0) merged.required = required;
  else delete merged.required;
  const extra = unionOfExtra(a.additionalProperties, b.additionalProperties);
  if (extra === undefined) delete merged.additionalProperties;
  else merged.additionalProperties = extra;
  return merged;
}

/** `additionalProperties`: absent is open, `false` closed (only declared fields), a schema a map's values. */
function unionOfExtra(a: JsonSchema | false | undefined, b: JsonSchema | false | undefined): JsonSchema | false | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === false) return b;
  if (b === false) return a;
  return unionSchema(a, b);
}

/** The union of two kind files: roots merged, and each shared definition merged by name. */
export function unionDocument(older: JsonSchema | undefined, newer: JsonSchema | undefined): JsonSchema {
  if (!older || !newer) return (older ?? newer)!;
  const { definitions: olderDefinitions = {}, ...olderRoot } = older;
  const { definitions: newerDefinitions = {}, ...newerRoot } = newer;
  const definitions: Record<string, JsonSchema> = { ...newerDefinitions, ...olderDefinitions };
  for (const [name, schema] of Object.entries(newerDefinitions)) {
    if (olderDefinitions[name]) definitions[name] = unionSchema(olderDefinitions[name], schema);
  }
  return { ...unionSchema(olderRoot, newerRoot), definitions };
}
