// The types every stage of the pipeline shares: discover → render → parse → check → report.

export type Severity = 'error' | 'warning';

/** A Kubernetes object as parsed from YAML: only apiVersion and kind are guaranteed. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface ResourceRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** Where a position in the original text is, 1-based. */
export interface Position {
  line: number;
  column: number;
  /** When the field was set in another file than the resource's (an overlay's `images:`). */
  file?: string;
}

/** One resource, with enough provenance to point a finding at its origin. */
export interface Resource {
  object: KubeObject;
  /** The overlay directory or file given on the command line (repository-relative where possible). */
  source: string;
  /** The file the resource came from: the original manifest for rendered overlays when kustomize says so. */
  file: string;
  /** Line of the document start in `file`, when known. */
  line?: number;
  /** Maps a JSON pointer inside the object to its position in `file`, when known. */
  locate(pointer: string): Position | undefined;
}

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  fix?: string;
  source: string;
  file?: string;
  line?: number;
  column?: number;
  resource?: ResourceRef;
  /** JSON pointer (RFC 6901) to the offending field, '' for the whole resource. */
  path?: string;
}

/** A source is one thing the user asked to check: an overlay to render or a file of plain manifests. */
export type SourceKind = 'kustomization' | 'manifests' | 'stdin';

export interface Source {
  kind: SourceKind;
  /** As shown in reports. */
  name: string;
  /** Absolute path (directory or file); '-' for stdin. */
  path: string;
  /** Why default discovery checks it, when not a default location: the GitOps object that reconciles it. */
  discoveredBy?: string;
  /**
   * A directory of manifests read the way the controller that reconciles it reads it: `recurse: false` for Argo
   * CD's own files only (no `directory.recurse`), `sourceIgnore` for Flux's artifact (less what the
   * .sourceignore files exclude). Unset: every YAML file below it.
   */
  read?: { recurse: boolean; sourceIgnore: boolean };
}

export function refOf(object: KubeObject): ResourceRef {
  const ref: ResourceRef = {
    apiVersion: String(object.apiVersion ?? ''),
    kind: String(object.kind ?? ''),
    name: String(object.metadata?.name ?? ''),
  };
  if (object.metadata?.namespace) ref.namespace = String(object.metadata.namespace);
  return ref;
}

export function describeRef(ref: ResourceRef): string {
  const ns = ref.namespace ? `${ref.namespace}/` : '';
  return `${ref.kind} ${ns}${ref.name}`;
}

/** RFC 6901 pointer from path segments. */
export function pointer(...segments: Array<string | number>): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function pointerSegments(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The value a JSON pointer names inside a parsed object (list indexes work as keys), if any. */
export function valueAtPointer(value: unknown, ptr: string): unknown {
  let current = value;
  for (const segment of pointerSegments(ptr)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** 'spec.template.spec.containers[0]' for people; pointers stay in `path`. */
export function humanPath(ptr: string): string {
  let out = '';
  for (const segment of pointerSegments(ptr)) {
    if (/^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}

/** A finding about a resource, located in its file. */
export function findingAt(
  resource: Resource,
  base: { rule: string; severity: Severity; message: string; fix?: string },
  path: string,
): Finding {
  const position = resource.locate(path);
  // Object.assign rather than `{ ...base, source, ... }`: the same keys in the same order, but V8 (node 20)
  // builds a spread followed by more properties about thirty times slower, and a run can make 100,000 findings.
  const finding: Finding = Object.assign({}, base, {
    source: resource.source,
    file: position?.file ?? resource.file,
    resource: refOf(resource.object),
    path,
  });
  const line = position?.line ?? resource.line;
  if (line !== undefined) finding.line = line;
  if (position) finding.column = position.column;
  return finding;
}

/**
 * Appends every item of `items` to `target`. `target.push(...items)` passes each item as an argument and
 * overflows the stack past roughly 120,000 of them; resources and findings can be that many.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** What one source produced, for progress lines and summaries. */
export interface SourceResult {
  source: string;
  kind: SourceKind;
  resources: number;
  /** Wall time to read or render and check the source, in milliseconds. */
  durationMs: number;
  /** Source.discoveredBy: the GitOps object that led discovery to it. */
  discoveredBy?: string;
}

export interface Summary {
  sources: number;
  resources: number;
  errors: number;
  warnings: number;
}

/** Everything a reporter needs; reporters are pure functions of it. */
export interface Report {
  findings: Finding[];
  summary: Summary;
  sources: SourceResult[];
}
