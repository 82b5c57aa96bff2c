// The `.d.ts` files type every number as `number`; whether the CRD said integer survives only in the
// package's compiled validators. Feeding each validator 1.5 where a number goes and collecting its
// "must be integer" errors recovers that, without parsing generated code.
import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Declaration, TypeShape } from '../dts/shapes.ts';

interface ValidatorError {
  instancePath: string;
  keyword: string;
  params: { type?: string };
}
type Validator = ((data: unknown) => boolean) & { errors?: ValidatorError[] | null };

/** Pointers (`/replicas`, `/ports/0`, `/limits/k`) below a declaration where an integer is required. */
export type IntegerPaths = Map<string, Set<string>>;

const FRACTION = 1.5;

/** A sample holding 1.5 at every number position of a shape; undefined when the shape has none. */
export function numberSample(shape: TypeShape): unknown {
  switch (shape.kind) {
    case 'number':
      return FRACTION;
    case 'array': {
      const item = numberSample(shape.items);
      return item === undefined ? undefined : [item];
    }
    case 'map': {
      const value = numberSample(shape.values);
      return value === undefined ? undefined : { k: value };
    }
    case 'object': {
      const entries = shape.properties.map((p) => [p.name, numberSample(p.shape)] as const).filter(([, v]) => v !== undefined);
      return entries.length === 0 ? undefined : Object.fromEntries(entries);
    }
    default:
      return undefined;
  }
}

function declarationSample(declaration: Declaration): unknown {
  if (declaration.kind === 'alias') return numberSample(declaration.shape);
  return numberSample({ kind: 'object', properties: declaration.properties });
}

/**
 * `node_modules/@kubernetes-models/flux-cd/...` → that package's validator for the declaration. Packages
 * generated from Go types name it after the type's unique alias; packages generated from CRDs alone (Istio)
 * declare one inline type per kind, and name its validator after group, version and kind instead.
 */
export function validatorFile(declaration: Declaration): string {
  const parts = declaration.file.split(sep);
  const at = parts.lastIndexOf('node_modules');
  const packageLength = at + (parts[at + 1]!.startsWith('@') ? 3 : 2);
  const schemas = join(parts.slice(0, packageLength).join(sep), '_schemas');
  const byAlias = join(schemas, `${declaration.canonicalName.replace(/^I/, '')}.js`);
  const [group, version, file] = parts.slice(packageLength);
  if (existsSync(byAlias) || !group || !version || !file) return byAlias;
  return join(schemas, `${pascal(group)}${pascal(version)}${file.replace(/\.d\.ts$/, '')}.js`);
}

/** `networking.istio.io` → `NetworkingIstioIo`, `v1beta1` → `V1beta1`. */
const pascal = (text: string): string =>
  text
    .split(/[.-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('');

export async function probeIntegers(declarations: Iterable<Declaration>): Promise<IntegerPaths> {
  const found: IntegerPaths = new Map();
  for (const declaration of declarations) {
    const sample = declarationSample(declaration);
    if (sample === undefined) continue;
    const file = validatorFile(declaration);
    if (!existsSync(file)) throw new Error(`schema generator: no validator ${file} to tell integers from numbers`);
    const { validate } = (await import(pathToFileURL(file).href)) as { validate: Validator };
    validate(sample);
    const paths = new Set(
      (validate.errors ?? []).filter((e) => e.keyword === 'type' && e.params.type === 'integer').map((e) => e.instancePath),
    );
    found.set(declaration.file, paths);
  }
  return found;
}
