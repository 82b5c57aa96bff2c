// Custom resources validated by their own CustomResourceDefinition: every CRD found (in a render, in the
// repository, or given with --crd) becomes a strict schema for each version it serves, tried before the
// vendored schemas. Each distinct schema is compiled once per run, however many sources carry the CRD.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { KubeObject } from '../model.ts';
import { convertOpenApi, type JsonSchema } from './crd-openapi.ts';
import { declaredCrds } from './declared-crds.ts';
import { describeSchemaErrors } from './schema-errors.ts';
import { builtinDirectory, builtinFileName } from './schema-locations.ts';
import type { SchemaOutcome } from './schema-validator.ts';

/** What the pipeline needs of a validator: the vendored SchemaValidator and this one both fit. */
export interface ResourceValidator {
  validate(object: KubeObject): SchemaOutcome;
  /** A validator that also knows the CRDs among these objects (one source's render), tried first. */
  withCrds?(objects: readonly KubeObject[]): ResourceValidator;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const key = (apiVersion: string, kind: string): string => `${apiVersion}\u0000${kind}`;

/** apiVersion/kind → the openAPIV3Schema of every version a CRD declares (v1, and v1beta1's shared `validation`). */
export function crdVersionSchemas(crd: KubeObject): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const spec = isRecord(crd.spec) ? crd.spec : {};
  const group = typeof spec.group === 'string' ? spec.group : undefined;
  const kind = isRecord(spec.names) && typeof spec.names.kind === 'string' ? spec.names.kind : undefined;
  if (!group || !kind) return found;
  const shared = isRecord(spec.validation) ? spec.validation.openAPIV3Schema : undefined;
  const versions = Array.isArray(spec.versions) ? spec.versions.filter(isRecord) : [];
  if (versions.length === 0 && typeof spec.version === 'string') versions.push({ name: spec.version });
  for (const version of versions) {
    if (typeof version.name !== 'string' || version.served === false) continue;
    const own = isRecord(version.schema) ? version.schema.openAPIV3Schema : undefined;
    found.set(key(`${group}/${version.name}`, kind), own ?? shared ?? { 'x-kubernetes-preserve-unknown-fields': true });
  }
  return found;
}

/** The strict ObjectMeta of the vendored built-in schemas, so metadata is checked the same way everywhere. */
export function vendoredObjectMeta(locations: readonly string[], kubernetesVersion: string): JsonSchema | undefined {
  for (const location of locations) {
    const file = join(location, builtinDirectory(kubernetesVersion), builtinFileName('v1', 'ConfigMap'));
    if (!existsSync(file)) continue;
    const definitions = (JSON.parse(readFileSync(file, 'utf8')) as { definitions?: JsonSchema }).definitions;
    if (definitions && 'V1ObjectMeta' in definitions) return definitions;
  }
  return undefined;
}

/** The document Ajv compiles for one apiVersion/kind of a CRD. */
export function customResourceSchema(apiVersion: string, kind: string, openApi: unknown, objectMeta?: JsonSchema): JsonSchema {
  const root = convertOpenApi(openApi);
  const properties = { ...(isRecord(root.properties) ? root.properties : {}) };
  properties.apiVersion = { const: apiVersion };
  properties.kind = { const: kind };
  if (objectMeta) properties.metadata = { $ref: '#/definitions/V1ObjectMeta' };
  const required = [...new Set(['apiVersion', 'kind', ...(Array.isArray(root.required) ? (root.required as string[]) : [])])];
  // A root without declared fields (no schema, or preserve-unknown-fields) stays open, as the API server keeps it.
  const additionalProperties = root.additionalProperties ?? true;
  return { ...root, type: 'object', properties, required, additionalProperties, ...(objectMeta ? { definitions: objectMeta } : {}) };
}

/** CRDs read only when a kind may need them: `skips` names the kinds they cannot change. */
export interface DeferredCrds {
  skips(apiVersion: string, kind: string): boolean;
  read(): readonly KubeObject[];
}

/** CRD schemas at one precedence level and below; `withCrds` adds a level above, sharing compiled validators. */
export class CrdSchemas implements ResourceValidator {
  private readonly own = new Map<string, unknown>();

  private constructor(
    private readonly fallback: ResourceValidator,
    private readonly shared: { ajv?: Ajv; compiled: Map<string, ValidateFunction | null>; objectMeta?: JsonSchema; later?: DeferredCrds },
    private readonly parent?: CrdSchemas,
  ) {}

  /** `later` are CRDs below `crds` that are costly to find (the repository's), read on the first kind that needs them. */
  static over(fallback: ResourceValidator, crds: readonly KubeObject[], objectMeta?: JsonSchema, later?: DeferredCrds): CrdSchemas {
    return new CrdSchemas(fallback, { compiled: new Map(), objectMeta, ...(later ? { later } : {}) }).addAll(crds);
  }

  /** A view where these CRDs (a source's own render, ConstraintTemplates included) win over the ones already known. */
  withCrds(crds: readonly KubeObject[]): CrdSchemas {
    const found = declaredCrds(crds);
    return found.length === 0 ? this : new CrdSchemas(this.fallback, this.shared, this).addAll(found);
  }

  /** How many distinct schemas were compiled this run (each once, however many sources share it). */
  get compiledSchemas(): number {
    return this.shared.compiled.size;
  }

  validate(object: KubeObject): SchemaOutcome {
    const validator = this.validatorFor(object.apiVersion, object.kind);
    if (!validator) return this.fallback.validate(object);
    if (validator(object)) return { kind: 'valid' };
    return { kind: 'invalid', violations: describeSchemaErrors((validator.errors ?? []) as ErrorObject[], object) };
  }

  private openApiFor(apiVersion: string, kind: string): unknown {
    const id = key(apiVersion, kind);
    if (this.own.has(id)) return this.own.get(id);
    if (this.parent) return this.parent.openApiFor(apiVersion, kind);
    const later = this.shared.later;
    if (later && !later.skips(apiVersion, kind)) {
      delete this.shared.later;
      this.addAll(later.read());
      return this.own.get(id);
    }
    return undefined;
  }

  private validatorFor(apiVersion: string, kind: string): ValidateFunction | null {
    const openApi = this.openApiFor(apiVersion, kind);
    if (openApi === undefined) return null;
    const text = JSON.stringify([apiVersion, kind, openApi]);
    const hash = createHash('sha256').update(text).digest('hex');
    let validator = this.shared.compiled.get(hash);
    if (validator === undefined) {
      try {
        validator = this.compiler().compile(customResourceSchema(apiVersion, kind, openApi, this.shared.objectMeta));
      } catch {
        // A schema Ajv cannot compile is no worse than no CRD at all: the vendored schema still applies.
        validator = null;
      }
      this.shared.compiled.set(hash, validator);
    }
    return validator;
  }

  // Loaded on the first CRD schema compiled: most runs have none, and ajv is a fair part of start-up.
  private compiler(): Ajv {
    if (!this.shared.ajv) {
      const { Ajv: Compiler } = createRequire(import.meta.url)('ajv') as typeof import('ajv');
      this.shared.ajv = new Compiler({ strict: false, allErrors: true, validateFormats: false });
    }
    return this.shared.ajv;
  }

  private addAll(crds: readonly KubeObject[]): this {
    for (const crd of declaredCrds(crds)) {
      for (const [id, schema] of crdVersionSchemas(crd)) if (!this.own.has(id)) this.own.set(id, schema);
    }
    return this;
  }
}
