// The models of @kubernetes/client-node, read as text: each model's `attributeTypeMap` (JSON key in
// `baseName`, type, format) and, from its `.d.ts`, which properties are required (no `?`).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';

export interface ClientAttribute {
  /** The JSON key (the TypeScript `name` differs for keys such as `x-kubernetes-*` or `$ref`). */
  baseName: string;
  type: string;
  format: string;
  required: boolean;
}

export type ClientModel = { name: string; attributes: ClientAttribute[] };

/** The client-node release read by default: the newest, pinned under its own name. */
export const CLIENT_NODE = '@kubernetes/client-node';
const modelsDir = (client: string): string => join(packageDir(client), 'dist', 'gen', 'models');
const cache = new Map<string, ClientModel>();

/** @param client the installed package name (an npm alias for an older release, e.g. client-node-1.34). */
export function readClientModel(name: string, client: string = CLIENT_NODE): ClientModel {
  let model = cache.get(`${client}\u0000${name}`);
  if (!model) {
    const base = join(modelsDir(client), name);
    if (!existsSync(`${base}.js`)) throw new Error(`schema generator: client-node has no model ${name}`);
    model = parseClientModel(name, readFileSync(`${base}.js`, 'utf8'), readFileSync(`${base}.d.ts`, 'utf8'));
    cache.set(`${client}\u0000${name}`, model);
  }
  return model;
}

export function parseClientModel(name: string, js: string, dts: string): ClientModel {
  const table = new RegExp(`${name}\\.attributeTypeMap = (\\[[\\s\\S]*?\\n\\]);`).exec(js);
  if (!table) throw new Error(`schema generator: no attributeTypeMap in client-node model ${name}`);
  const raw = JSON.parse(table[1]!) as { name: string; baseName: string; type: string; format: string }[];
  const optional = new Set<string>();
  const required = new Set<string>();
  for (const match of dts.matchAll(/^ {4}'([^']+)'(\?)?: /gm)) (match[2] ? optional : required).add(match[1]!);
  return {
    name,
    attributes: raw.map((attribute) => {
      if (!optional.has(attribute.name) && !required.has(attribute.name)) {
        throw new Error(`schema generator: ${name}.${attribute.name} is not declared in its .d.ts`);
      }
      return { baseName: attribute.baseName, type: attribute.type, format: attribute.format, required: required.has(attribute.name) };
    }),
  };
}
