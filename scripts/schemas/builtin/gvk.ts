// The built-in kinds, derived from the typed client's create operations: the request path carries the
// group and version, the serialized body type names the model. Class names alone are ambiguous
// (core/v1 Event and events.k8s.io/v1 Event), so they are not used to find kinds.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';
import { CLIENT_NODE } from './client-models.ts';

export interface BuiltinKind {
  group: string;
  version: string;
  kind: string;
  /** The client-node model the create operation sends, e.g. `V1Deployment`. */
  model: string;
}

export interface CreateOperation {
  path: string;
  model: string;
}

const OPERATION = /async create\w+\([^)]*\)\s*\{([\s\S]*?)\n {4}\}/g;
const PATH = /const localVarPath = '([^']+)'/;
const BODY = /ObjectSerializer\.serialize\(body, "([^"]+)"/;

/** The create operations one generated API module declares. */
export function createOperations(moduleSource: string): CreateOperation[] {
  const operations: CreateOperation[] = [];
  for (const match of moduleSource.matchAll(OPERATION)) {
    const body = match[1]!;
    const path = PATH.exec(body)?.[1];
    const model = BODY.exec(body)?.[1];
    if (path && model) operations.push({ path, model });
  }
  return operations;
}

/**
 * `/apis/apps/v1/namespaces/{namespace}/deployments` → apps, v1. Operations on a named object are
 * subresources (pods/{name}/eviction sends policy/v1 Eviction over a core path), so they name no kind here.
 */
export function groupVersionOf(path: string): { group: string; version: string } | undefined {
  if (path.includes('{name}')) return undefined;
  const core = /^\/api\/(v[^/]+)\//.exec(path);
  if (core) return { group: '', version: core[1]! };
  const named = /^\/apis\/([^/]+)\/(v[^/]+)\//.exec(path);
  return named ? { group: named[1]!, version: named[2]! } : undefined;
}

/** `V1Deployment` → Deployment, `CoreV1Event` → Event, `V1alpha1StorageVersion` → StorageVersion. */
export function kindOfModel(model: string): string {
  const kind = model.replace(/^(?:[A-Z][a-z]+)*V\d+(?:alpha\d+|beta\d+)?(?=[A-Z])/, '');
  if (kind === model) throw new Error(`schema generator: cannot read a kind from model name ${model}`);
  return kind;
}

/**
 * The API modules the client actually wires up. The published package also carries modules left over
 * from older generations (resource.k8s.io/v1alpha2, storagemigration v1alpha1, ...) that are not in
 * the 1.36 spec; only the ones `types/ObservableAPI.js` imports are current.
 */
export function wiredApiModules(observableApiSource: string): string[] {
  return [...new Set([...observableApiSource.matchAll(/from ['"]\.\.\/apis\/(\w+Api\.js)['"]/g)].map((m) => m[1]!))].sort();
}

export function builtinKinds(client: string = CLIENT_NODE): BuiltinKind[] {
  const gen = join(packageDir(client), 'dist', 'gen');
  const apis = join(gen, 'apis');
  const kinds = new Map<string, BuiltinKind>();
  for (const file of wiredApiModules(readFileSync(join(gen, 'types', 'ObservableAPI.js'), 'utf8'))) {
    for (const operation of createOperations(readFileSync(join(apis, file), 'utf8'))) {
      const groupVersion = groupVersionOf(operation.path);
      if (!groupVersion || operation.model.endsWith('List')) continue;
      const kind = { ...groupVersion, kind: kindOfModel(operation.model), model: operation.model };
      kinds.set(`${kind.group}/${kind.version}/${kind.kind}`, kind);
    }
  }
  return [...kinds.values()].sort((a, b) => compareKeys(a, b));
}

const keyOf = (kind: BuiltinKind): string => `${kind.group}/${kind.version}/${kind.kind}`;
const compareKeys = (a: BuiltinKind, b: BuiltinKind): number => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0);
