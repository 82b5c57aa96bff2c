// Pairs client-node models with their kubernetes-models counterparts by walking both from the same
// kind, property by property. client-node flattens Quantity to string and drops enums; the
// kubernetes-models `.d.ts` files keep both, so the pairing tells the converter what to patch back in.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readDeclaration } from '../dts/read-declaration.ts';
import type { TypeShape } from '../dts/shapes.ts';
import { packageDir } from '../paths.ts';
import { CLIENT_NODE, readClientModel } from './client-models.ts';
import type { BuiltinKind } from './gvk.ts';

/** For each client-node model, the kubernetes-models shape of each of its properties (by JSON key). */
export type PropertyShapes = Map<string, Map<string, TypeShape>>;

export function kubernetesModelsFile(kind: BuiltinKind): string | undefined {
  const root = packageDir('kubernetes-models');
  const file = kind.group === '' ? join(root, kind.version, `${kind.kind}.d.ts`) : join(root, kind.group, kind.version, `${kind.kind}.d.ts`);
  return existsSync(file) ? file : undefined;
}

/** The client-node model a type string names, through arrays and maps: `Array<V1Container>` → V1Container. */
export function modelInType(type: string): string | undefined {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return modelInType(array[1]!);
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return modelInType(map[1]!);
  return /^(?:[A-Z][a-z]+)*V\d/.test(type) ? type : undefined;
}

function declarationFileInShape(shape: TypeShape): string | undefined {
  if (shape.kind === 'array') return declarationFileInShape(shape.items);
  if (shape.kind === 'map') return declarationFileInShape(shape.values);
  return shape.kind === 'ref' ? shape.target.file : undefined;
}

/** Walks every kind (not just the ones being written) so the result does not depend on the selection. */
export function pairWithKubernetesModels(kinds: readonly BuiltinKind[], client: string = CLIENT_NODE): PropertyShapes {
  const shapes: PropertyShapes = new Map();
  const pending: [model: string, file: string][] = [];
  for (const kind of kinds) {
    const file = kubernetesModelsFile(kind);
    if (file) pending.push([kind.model, file]);
  }
  while (pending.length > 0) {
    const [model, file] = pending.shift()!;
    if (shapes.has(model)) continue;
    const declaration = readDeclaration(file);
    if (declaration.kind !== 'interface') continue;
    const byName = new Map(declaration.properties.map((property) => [property.name, property.shape]));
    const modelShapes = new Map<string, TypeShape>();
    shapes.set(model, modelShapes);
    for (const attribute of readClientModel(model, client).attributes) {
      const shape = byName.get(attribute.baseName);
      if (!shape) continue;
      modelShapes.set(attribute.baseName, shape);
      const nestedModel = modelInType(attribute.type);
      const nestedFile = declarationFileInShape(shape);
      if (nestedModel && nestedFile && !shapes.has(nestedModel)) pending.push([nestedModel, nestedFile]);
    }
  }
  return shapes;
}
