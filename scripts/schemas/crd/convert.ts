// kubernetes-models style `.d.ts` declarations → strict JSON Schema definitions for custom resources.
import { readDeclaration } from '../dts/read-declaration.ts';
import type { Declaration, DtsProperty, TypeShape } from '../dts/shapes.ts';
import { anyOf, anything, arrayOf, intOrString, mapOf, quantity, ref, strictObject, type JsonSchema } from '../json-schema.ts';
import { probeIntegers, type IntegerPaths } from './integer-probe.ts';

const QUANTITY = 'IIoK8sApimachineryPkgApiResourceQuantity';
const INT_OR_STRING = 'IIoK8sApimachineryPkgUtilIntstrIntOrString';
const OBJECT_META = 'IIoK8sApimachineryPkgApisMetaV1ObjectMeta';

export const definitionName = (declaration: Declaration): string => declaration.canonicalName.replace(/^I/, '');

/** Declarations a shape points at; ObjectMeta, Quantity and IntOrString are substituted, not walked. */
function referencedFiles(shape: TypeShape): Declaration[] {
  switch (shape.kind) {
    case 'array':
      return referencedFiles(shape.items);
    case 'map':
      return referencedFiles(shape.values);
    case 'object':
      return shape.properties.flatMap((p) => referencedFiles(p.shape));
    case 'union':
      return shape.options.flatMap(referencedFiles);
    case 'ref': {
      const declaration = readDeclaration(shape.target.file);
      return [QUANTITY, INT_OR_STRING, OBJECT_META].includes(declaration.canonicalName) ? [] : [declaration];
    }
    default:
      return [];
  }
}

export function reachableDeclarations(root: Declaration): Declaration[] {
  const seen = new Map<string, Declaration>([[root.file, root]]);
  const pending = [root];
  while (pending.length > 0) {
    const declaration = pending.pop()!;
    const shapes = declaration.kind === 'alias' ? [declaration.shape] : declaration.properties.map((p) => p.shape);
    for (const next of shapes.flatMap(referencedFiles)) {
      if (!seen.has(next.file)) {
        seen.set(next.file, next);
        pending.push(next);
      }
    }
  }
  return [...seen.values()].sort((a, b) => (a.file < b.file ? -1 : 1));
}

export interface CustomDefinitions {
  definitions: Map<string, JsonSchema>;
  /** The definition name of the root kind. */
  rootName: string;
}

/**
 * @param objectMeta the definition name `metadata` points at: the same strict ObjectMeta the built-in
 * kinds use, so labels and annotations are string maps everywhere. The caller supplies its definition.
 */
export async function customDefinitions(rootFile: string, objectMeta: string): Promise<CustomDefinitions> {
  const root = readDeclaration(rootFile);
  const declarations = reachableDeclarations(root);
  const converter = new ShapeConverter(await probeIntegers(declarations), objectMeta);
  const definitions = new Map<string, JsonSchema>();
  for (const declaration of declarations) definitions.set(definitionName(declaration), converter.declaration(declaration));
  return { definitions, rootName: definitionName(root) };
}

class ShapeConverter {
  constructor(
    private readonly integers: IntegerPaths,
    private readonly objectMeta: string,
  ) {}

  declaration(declaration: Declaration): JsonSchema {
    const integerAt = (pointer: string): boolean => this.integers.get(declaration.file)?.has(pointer) ?? false;
    if (declaration.kind === 'alias') return this.shape(declaration.shape, '', integerAt);
    // A type with no fields in Go is raw JSON (RawExtension, Helm values): anything goes, not "an empty object".
    if (declaration.properties.length === 0) return anything();
    return this.object(declaration.properties, '', integerAt, declaration.typeMeta);
  }

  private object(properties: DtsProperty[], pointer: string, integerAt: (p: string) => boolean, typeMeta = false): JsonSchema {
    const schemas: Record<string, JsonSchema> = {};
    for (const property of properties) schemas[property.name] = this.shape(property.shape, `${pointer}/${property.name}`, integerAt);
    // Nested copies of a kind (an embedded template) do not need apiVersion/kind; the file's root pins them.
    const required = properties.filter((p) => !p.optional && !(typeMeta && (p.name === 'apiVersion' || p.name === 'kind'))).map((p) => p.name);
    return strictObject(schemas, required);
  }

  private shape(shape: TypeShape, pointer: string, integerAt: (p: string) => boolean): JsonSchema {
    switch (shape.kind) {
      case 'string':
        return { type: 'string' };
      case 'boolean':
        return { type: 'boolean' };
      case 'number':
        return { type: integerAt(pointer) ? 'integer' : 'number' };
      case 'any':
        return anything();
      case 'literals':
        return shape.values.every((v) => typeof v === 'string') ? { type: 'string', enum: [...shape.values] } : { enum: [...shape.values] };
      case 'array':
        return arrayOf(this.shape(shape.items, `${pointer}/0`, integerAt));
      case 'map':
        return mapOf(this.shape(shape.values, `${pointer}/k`, integerAt));
      case 'object':
        return shape.properties.length === 0 ? anything() : this.object(shape.properties, pointer, integerAt);
      case 'union':
        return anyOf(shape.options.map((option) => this.shape(option, pointer, integerAt)));
      case 'ref': {
        const target = readDeclaration(shape.target.file);
        if (target.canonicalName === QUANTITY) return quantity();
        if (target.canonicalName === INT_OR_STRING) return intOrString();
        if (target.canonicalName === OBJECT_META) return ref(this.objectMeta);
        return ref(definitionName(target));
      }
    }
  }
}
