// What a property's TypeScript type says about its JSON, read from kubernetes-models style `.d.ts` files.

export type TypeShape =
  | { kind: 'string' }
  | { kind: 'number' }
  | { kind: 'boolean' }
  | { kind: 'any' }
  | { kind: 'literals'; values: (string | number | boolean)[] }
  | { kind: 'array'; items: TypeShape }
  | { kind: 'map'; values: TypeShape }
  | { kind: 'object'; properties: DtsProperty[] }
  | { kind: 'union'; options: TypeShape[] }
  | { kind: 'ref'; target: DeclarationRef };

export interface DtsProperty {
  name: string;
  optional: boolean;
  shape: TypeShape;
}

/** A named type another file exports: the file and the identifier it is imported as. */
export interface DeclarationRef {
  file: string;
  importedAs: string;
}

export type Declaration =
  | { kind: 'interface'; file: string; canonicalName: string; properties: DtsProperty[]; typeMeta: boolean }
  | { kind: 'alias'; file: string; canonicalName: string; shape: TypeShape };
