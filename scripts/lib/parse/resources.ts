// Turns YAML text into resources, and everything that is not a resource into findings.
import type { Finding, KubeObject, Resource } from '../model.ts';
import { pointer } from '../model.ts';
import { NO_TYPE_FIX, NOT_AN_OBJECT_FIX, SCHEMA, YAML_SYNTAX } from '../built-in-rules.ts';
import { refuseBytes } from './text-bytes.ts';
import { parseYamlDocuments, type ParsedDocument } from './yaml-documents.ts';

export interface ParsedResources {
  resources: Resource[];
  findings: Finding[];
}

export interface Origin {
  source: string;
  file: string;
}

export function parseResourcesFromBytes(bytes: Uint8Array, origin: Origin): ParsedResources {
  const refused = refuseBytes(bytes);
  if (refused) {
    const finding: Finding = { rule: YAML_SYNTAX.id, severity: 'error', message: refused.message, fix: refused.fix, source: origin.source, file: origin.file };
    if (refused.line !== undefined) finding.line = refused.line;
    return { resources: [], findings: [finding] };
  }
  return parseResources(new TextDecoder().decode(bytes), origin);
}

export function parseResources(text: string, origin: Origin): ParsedResources {
  const parsed = parseYamlDocuments(text);
  const findings: Finding[] = parsed.problems.map((problem) => ({
    rule: YAML_SYNTAX.id,
    severity: 'error',
    message: problem.message,
    fix: YAML_SYNTAX.fix,
    source: origin.source,
    file: origin.file,
    ...(problem.line !== undefined ? { line: problem.line, column: problem.column } : {}),
  }));
  const resources: Resource[] = [];
  for (const document of parsed.documents) {
    collect(document, document.value, '', origin, resources, findings);
  }
  return { resources, findings };
}

function collect(
  document: ParsedDocument,
  value: unknown,
  at: string,
  origin: Origin,
  resources: Resource[],
  findings: Finding[],
): void {
  const locate = (ptr: string) => document.locate(at + ptr);
  const problem = (message: string, fix: string) => {
    const position = locate('');
    findings.push({
      rule: SCHEMA.id,
      severity: 'error',
      message,
      fix,
      source: origin.source,
      file: origin.file,
      line: position?.line ?? document.line,
      ...(position ? { column: position.column } : {}),
      path: at,
    });
  };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const what = Array.isArray(value) ? 'a list' : `a ${value === null ? 'null' : typeof value} value`;
    problem(`document is ${what}, not a Kubernetes object`, NOT_AN_OBJECT_FIX);
    return;
  }
  const object = value as Record<string, unknown>;
  const missing = ['apiVersion', 'kind'].filter((key) => typeof object[key] !== 'string' || object[key] === '');
  if (missing.length > 0) {
    problem(`document has no ${missing.join(' or ')}`, NO_TYPE_FIX);
    return;
  }
  // `kind: List` (kubectl's wrapper) holds the real objects in items.
  if (object.kind === 'List' || (/List$/.test(String(object.kind)) && Array.isArray(object.items))) {
    const items = Array.isArray(object.items) ? object.items : [];
    items.forEach((item, index) => collect(document, item, at + pointer('items', index), origin, resources, findings));
    return;
  }
  resources.push({
    object: normalise(object as KubeObject),
    source: origin.source,
    file: origin.file,
    // The document's own line needs no lookup: locating is left for resources that get a finding.
    line: at === '' ? document.line : (locate('')?.line ?? document.line),
    locate,
  });
}

/**
 * What Kubernetes accepts but a strict schema would not: `creationTimestamp: null` (written by
 * `kubectl create --dry-run -o yaml` on the object and on every template in it) means "unset", and a
 * SOPS envelope is removed by the decrypting controller before the API server sees the object.
 * The object was just parsed and belongs to us, so it is changed in place.
 */
function normalise(object: KubeObject): KubeObject {
  dropNullCreationTimestamps(object);
  if ('sops' in object) {
    const { sops: _envelope, ...rest } = object;
    return rest as KubeObject;
  }
  return object;
}

function dropNullCreationTimestamps(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) dropNullCreationTimestamps(item);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const record = value as Record<string, unknown>;
  const metadata = record.metadata;
  if (metadata && typeof metadata === 'object' && (metadata as Record<string, unknown>).creationTimestamp === null) {
    delete (metadata as Record<string, unknown>).creationTimestamp;
  }
  // Only specs hold templates (pod, job, claim templates); data, labels and annotations never do.
  const spec = record.spec;
  if (spec && typeof spec === 'object') {
    for (const [key, child] of Object.entries(spec)) {
      if (/[tT]emplates?$/.test(key)) dropNullCreationTimestamps(child);
    }
  }
}
