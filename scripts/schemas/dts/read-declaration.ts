// Reads the one model a kubernetes-models `.d.ts` file declares, by syntax only (no type checking:
// fast, and the files are generated in a fixed style).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type * as TS from 'typescript';
import { NODE_MODULES } from '../paths.ts';
import type { Declaration, DeclarationRef, DtsProperty, TypeShape } from './shapes.ts';

// Loaded as the CommonJS module it is: node's ESM loader would first scan all 9 MB of typescript.js for
// named exports and sniff its module format, about 0.5 s of CPU (two thirds of loading it) on every run.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

const cache = new Map<string, Declaration>();

export function readDeclaration(file: string): Declaration {
  let declaration = cache.get(file);
  if (!declaration) {
    declaration = parseDeclaration(file, readFileSync(file, 'utf8'));
    cache.set(file, declaration);
  }
  return declaration;
}

export function parseDeclaration(file: string, text: string): Declaration {
  // Doc comments carry nothing the reader uses; skipping them took 15-50% off parsing these files.
  const options = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
  const source = ts.createSourceFile(file, text, options, true, ts.ScriptKind.TS);
  const imports = importTable(source, file);
  const primary = source.statements.find(
    (node): node is TS.InterfaceDeclaration | TS.TypeAliasDeclaration => ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node),
  );
  if (!primary) throw new Error(`schema generator: ${file} declares no interface or type`);
  imports.set(primary.name.text, { file, importedAs: primary.name.text }); // recursive types (JSONSchemaProps)
  const canonicalName = exportedAlias(source, primary.name.text) ?? primary.name.text;
  const shapeOf = (node: TS.TypeNode): TypeShape => toShape(node, imports, file);
  if (ts.isTypeAliasDeclaration(primary)) {
    return { kind: 'alias', file, canonicalName, shape: shapeOf(primary.type) };
  }
  const bases = (primary.heritageClauses ?? []).flatMap((clause) => clause.types.map((t) => t.expression.getText(source)));
  const own = membersToProperties(primary.members, shapeOf, file);
  return { kind: 'interface', file, canonicalName, properties: withInherited(bases, imports, own, file), typeMeta: bases.includes('TypeMeta') };
}

/**
 * `interface IIssuerSpec extends IIssuerConfig {}` declares its fields through the base: without them an
 * empty body would read as "raw JSON, anything goes". Own members win over inherited ones.
 */
function withInherited(bases: string[], imports: ReadonlyMap<string, DeclarationRef>, own: DtsProperty[], file: string): DtsProperty[] {
  const merged = new Map<string, DtsProperty>();
  for (const base of bases) {
    if (base === 'TypeMeta') continue;
    const target = imports.get(base);
    if (!target) throw new Error(`schema generator: cannot resolve base interface ${base} in ${file}`);
    for (const property of inheritedProperties(target.file, base, file)) merged.set(property.name, property);
  }
  for (const property of own) merged.set(property.name, property);
  return [...merged.values()];
}

/** A base may be an alias of an interface in another package (prometheus-operator's `CoreV1…` types). */
function inheritedProperties(baseFile: string, base: string, file: string): DtsProperty[] {
  let inherited = readDeclaration(baseFile);
  for (let hops = 0; inherited.kind === 'alias' && inherited.shape.kind === 'ref' && hops < 8; hops++) {
    inherited = readDeclaration(inherited.shape.target.file);
  }
  if (inherited.kind !== 'interface') throw new Error(`schema generator: base ${base} of ${file} is not an interface`);
  return inherited.properties;
}

function membersToProperties(members: TS.NodeArray<TS.TypeElement>, shapeOf: (node: TS.TypeNode) => TypeShape, file: string): DtsProperty[] {
  const properties: DtsProperty[] = [];
  for (const member of members) {
    if (!ts.isPropertySignature(member) || !member.type) continue;
    const name = ts.isStringLiteral(member.name) || ts.isIdentifier(member.name) ? member.name.text : undefined;
    if (name === undefined) throw new Error(`schema generator: unreadable property name in ${file}`);
    properties.push({ name, optional: member.questionToken !== undefined, shape: shapeOf(member.type) });
  }
  return properties;
}

/** `export type { IFoo as IIoK8sApiCoreV1Foo }`: the globally unique name, also the validator's file name. */
function exportedAlias(source: TS.SourceFile, localName: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement) || !statement.exportClause || !ts.isNamedExports(statement.exportClause)) continue;
    for (const element of statement.exportClause.elements) {
      if ((element.propertyName ?? element.name).text === localName) return element.name.text;
    }
  }
  return undefined;
}

function importTable(source: TS.SourceFile, file: string): Map<string, DeclarationRef> {
  const table = new Map<string, DeclarationRef>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const target = resolveModule(statement.moduleSpecifier.text, file);
    if (!target) continue;
    for (const element of bindings.elements) table.set(element.name.text, { file: target, importedAs: element.name.text });
  }
  return table;
}

function resolveModule(specifier: string, fromFile: string): string | undefined {
  if (specifier === '@kubernetes-models/base') return undefined;
  const withoutJs = specifier.replace(/\.js$/, '');
  const base = specifier.startsWith('.') ? resolve(dirname(fromFile), withoutJs) : join(NODE_MODULES, withoutJs);
  const candidate = `${base}.d.ts`;
  if (!existsSync(candidate)) throw new Error(`schema generator: cannot find ${specifier} imported by ${fromFile}`);
  return candidate;
}

function toShape(node: TS.TypeNode, imports: ReadonlyMap<string, DeclarationRef>, file: string): TypeShape {
  const recurse = (child: TS.TypeNode): TypeShape => toShape(child, imports, file);
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return { kind: 'string' };
    case ts.SyntaxKind.NumberKeyword:
      return { kind: 'number' };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: 'boolean' };
    case ts.SyntaxKind.AnyKeyword:
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.ObjectKeyword:
      return { kind: 'any' };
  }
  if (ts.isParenthesizedTypeNode(node)) return recurse(node.type);
  if (ts.isArrayTypeNode(node)) return { kind: 'array', items: recurse(node.elementType) };
  if (ts.isLiteralTypeNode(node)) return { kind: 'literals', values: [literalValue(node, file)] };
  if (ts.isUnionTypeNode(node)) {
    const options = node.types.filter((t) => !(ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword)).map(recurse);
    if (options.length === 1) return options[0]!;
    if (options.every((o) => o.kind === 'literals')) {
      return { kind: 'literals', values: options.flatMap((o) => (o.kind === 'literals' ? o.values : [])) };
    }
    return { kind: 'union', options };
  }
  // Packages generated from CRDs alone (Istio) write a CRD's `oneOf` as `{all fields} & ({a} | {b} | …)`.
  // The left side already declares every field; the one-of constraint itself is not carried over.
  if (ts.isIntersectionTypeNode(node) && ts.isTypeLiteralNode(node.types[0]!)) return recurse(node.types[0]!);
  if (ts.isTypeLiteralNode(node)) {
    const index = node.members.find(ts.isIndexSignatureDeclaration);
    if (index) return { kind: 'map', values: recurse(index.type) };
    return { kind: 'object', properties: membersToProperties(node.members, recurse, file) };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    if (name === 'Array' && node.typeArguments?.length === 1) return { kind: 'array', items: recurse(node.typeArguments[0]!) };
    if (name === 'Record' && node.typeArguments?.length === 2) return { kind: 'map', values: recurse(node.typeArguments[1]!) };
    const target = imports.get(name);
    if (target) return { kind: 'ref', target };
  }
  throw new Error(`schema generator: unsupported type "${node.getText()}" in ${file}`);
}

function literalValue(node: TS.LiteralTypeNode, file: string): string | number | boolean {
  const literal = node.literal;
  if (ts.isStringLiteral(literal)) return literal.text;
  if (ts.isNumericLiteral(literal)) return Number(literal.text);
  if (literal.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (literal.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (ts.isPrefixUnaryExpression(literal) && ts.isNumericLiteral(literal.operand)) return -Number(literal.operand.text);
  throw new Error(`schema generator: unsupported literal type in ${file}`);
}
