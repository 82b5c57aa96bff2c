// client-node models → strict JSON Schema definitions, with Quantity, int-or-string and enums patched
// back in from the paired kubernetes-models shapes.
import { readDeclaration } from '../dts/read-declaration.ts';
import type { TypeShape } from '../dts/shapes.ts';
import { anything, arrayOf, intOrString, mapOf, quantity, ref, strictObject, type JsonSchema } from '../json-schema.ts';
import { CLIENT_NODE, readClientModel } from './client-models.ts';
import type { PropertyShapes } from './kubernetes-models-pairing.ts';

const QUANTITY = 'IoK8sApimachineryPkgApiResourceQuantity';
const INT_OR_STRING = 'IoK8sApimachineryPkgUtilIntstrIntOrString';

export class BuiltinDefinitions {
  readonly definitions = new Map<string, JsonSchema>();

  constructor(
    private readonly shapes: PropertyShapes,
    private readonly client: string = CLIENT_NODE,
  ) {}

  /** Defines `model` and everything it references; returns the definition's name. */
  define(model: string): string {
    if (this.definitions.has(model)) return model;
    const placeholder: JsonSchema = {};
    this.definitions.set(model, placeholder); // recursion (JSONSchemaProps) must find it
    const attributes = readClientModel(model, this.client).attributes;
    const properties: Record<string, JsonSchema> = {};
    for (const attribute of attributes) {
      properties[attribute.baseName] = this.typeSchema(attribute.type, attribute.format, this.shapes.get(model)?.get(attribute.baseName));
    }
    const required = attributes.filter((a) => a.required).map((a) => a.baseName);
    Object.assign(placeholder, strictObject(properties, required));
    return model;
  }

  private typeSchema(type: string, format: string, shape: TypeShape | undefined): JsonSchema {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return arrayOf(this.typeSchema(array[1]!, format, shape?.kind === 'array' ? shape.items : undefined));
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return mapOf(this.typeSchema(map[1]!, format, shape?.kind === 'map' ? shape.values : undefined));
    switch (type) {
      case 'string':
        return patchedString(shape);
      case 'number':
        return format === 'int32' || format === 'int64' ? { type: 'integer', format } : { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'Date':
      case 'V1MicroTime': // a timestamp string; client-node names it but generates no model for it
        return { type: 'string' };
      case 'IntOrString':
        return intOrString();
      case 'any':
        return anything();
    }
    return ref(this.define(type));
  }
}

/** client-node says `string`; kubernetes-models may know it is a Quantity, int-or-string or an enum. */
function patchedString(shape: TypeShape | undefined): JsonSchema {
  if (shape?.kind === 'literals' && shape.values.every((v) => typeof v === 'string')) {
    return { type: 'string', enum: [...shape.values] };
  }
  if (shape?.kind === 'ref') {
    const name = readDeclaration(shape.target.file).canonicalName.replace(/^I/, '');
    if (name === QUANTITY) return quantity();
    if (name === INT_OR_STRING) return intOrString();
  }
  return { type: 'string' };
}
