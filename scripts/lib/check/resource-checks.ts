// The checks every resource gets before any policy: removed APIs, strict schemas, duplicates.
import type { Finding, Resource } from '../model.ts';
import { appendAll, describeRef, findingAt, refOf } from '../model.ts';
import { DEPRECATED_API, DUPLICATE_RESOURCE, SCHEMA, UNKNOWN_KIND, deprecatedApiFix } from '../built-in-rules.ts';
import { removalOf } from './deprecated-apis.ts';
import { withoutNullFields } from './explicit-null.ts';
import type { ResourceValidator } from './crd-schemas.ts';

export interface ResourceCheckOptions {
  validator: ResourceValidator;
  kubernetesVersion: string;
  /** A resource without a schema is a warning instead of an error. */
  ignoreMissingSchemas: boolean;
}

export function checkResources(resources: readonly Resource[], options: ResourceCheckOptions): Finding[] {
  const findings: Finding[] = [];
  for (const resource of resources) appendAll(findings, checkResource(resource, options));
  appendAll(findings, checkDuplicates(resources));
  return findings;
}

function checkResource(resource: Resource, options: ResourceCheckOptions): Finding[] {
  const { apiVersion, kind } = resource.object;
  const removal = removalOf(apiVersion, kind, options.kubernetesVersion);
  if (removal) {
    return [
      findingAt(
        resource,
        {
          rule: DEPRECATED_API.id,
          severity: 'error',
          message: `${kind} ${apiVersion} was removed in Kubernetes ${removal.removedIn} (target ${options.kubernetesVersion})`,
          fix: deprecatedApiFix(kind, removal.replacement),
        },
        '/apiVersion',
      ),
    ];
  }
  const outcome = validateAsDecoded(options.validator, resource.object);
  if (outcome.kind === 'missing') {
    return [
      findingAt(
        resource,
        {
          rule: UNKNOWN_KIND.id,
          severity: options.ignoreMissingSchemas ? 'warning' : 'error',
          message: `no schema for ${kind} ${apiVersion}: it cannot be validated`,
          fix: UNKNOWN_KIND.fix,
        },
        '',
      ),
    ];
  }
  if (outcome.kind === 'valid') return [];
  return outcome.violations.map((violation) =>
    findingAt(
      resource,
      {
        rule: SCHEMA.id,
        severity: 'error',
        message: violation.message,
        fix: SCHEMA.fix,
      },
      violation.path,
    ),
  );
}

/**
 * Validates the object as the API server would see it after decoding: an explicit null on a field is the field
 * left out (explicit-null.ts). Tried only when the object as written fails, so valid objects cost nothing more.
 */
function validateAsDecoded(validator: ResourceValidator, object: Resource['object']): ReturnType<ResourceValidator['validate']> {
  const outcome = validator.validate(object);
  if (outcome.kind !== 'invalid') return outcome;
  const decoded = withoutNullFields(object);
  return decoded === object ? outcome : validator.validate(decoded);
}

function checkDuplicates(resources: readonly Resource[]): Finding[] {
  const seen = new Map<string, Resource>();
  const findings: Finding[] = [];
  for (const resource of resources) {
    // An object with only `generateName` (Argo CD hook Jobs) gets a fresh name from the API server on every
    // create, so two of them never collide.
    if (isGeneratedName(resource)) continue;
    const ref = refOf(resource.object);
    const key = [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('\u0000');
    const first = seen.get(key);
    if (!first) {
      seen.set(key, resource);
      continue;
    }
    const where = first.line !== undefined ? `${first.file}:${first.line}` : first.file;
    findings.push(
      findingAt(
        resource,
        {
          rule: DUPLICATE_RESOURCE.id,
          severity: 'error',
          message: `${describeRef(ref)} (${ref.apiVersion}) is defined twice; the first is at ${where}`,
          fix: DUPLICATE_RESOURCE.fix,
        },
        '/metadata/name',
      ),
    );
  }
  return findings;
}

function isGeneratedName(resource: Resource): boolean {
  const metadata = resource.object.metadata;
  return !metadata?.name && typeof metadata?.generateName === 'string' && metadata.generateName !== '';
}
