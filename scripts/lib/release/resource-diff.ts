// Compares two renders resource by resource and, inside a changed resource, field by field.
import type { KubeObject, ResourceRef } from '../model.ts';
import { appendAll, isRecord, pointer, refOf } from '../model.ts';

export interface FieldChange {
  /** JSON pointer into the resource; list items are indices on the side that has them. */
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface ResourceChange {
  change: 'added' | 'removed' | 'changed' | 'renamed';
  /** The resource as it is after the change (before, for a removal). */
  ref: ResourceRef;
  /** For a rename: the name it had before. */
  from?: ResourceRef;
  /** For changed and renamed resources; empty otherwise. */
  fields: FieldChange[];
}

export interface ResourceDiff {
  changes: ResourceChange[];
  unchanged: number;
}

/** Kinds kustomize generates with a content hash in the name: a new hash is the same object renamed. */
const HASHED_KINDS = new Set(['ConfigMap', 'Secret']);
const HASH_SUFFIX = /^(.+)-[a-z0-9]{10}$/;

export function resourceKey(ref: ResourceRef): string {
  return [ref.apiVersion, ref.kind, ref.namespace ?? '', ref.name].join('/');
}

export function diffResources(before: readonly KubeObject[], after: readonly KubeObject[]): ResourceDiff {
  const old = new Map(before.map((object) => [resourceKey(refOf(object)), object]));
  const now = new Map(after.map((object) => [resourceKey(refOf(object)), object]));
  const changes: ResourceChange[] = [];
  let unchanged = 0;
  const added: KubeObject[] = [];
  const removed: KubeObject[] = [];
  for (const [key, object] of now) {
    const previous = old.get(key);
    if (!previous) {
      added.push(object);
      continue;
    }
    const fields = diffFields(previous, object);
    if (fields.length === 0) unchanged++;
    else changes.push({ change: 'changed', ref: refOf(object), fields });
  }
  for (const [key, object] of old) if (!now.has(key)) removed.push(object);

  for (const gone of [...removed]) {
    const partner = added.find((candidate) => renamedFrom(gone, candidate));
    if (!partner) continue;
    removed.splice(removed.indexOf(gone), 1);
    added.splice(added.indexOf(partner), 1);
    const fields = diffFields(gone, partner).filter((field) => field.path !== '/metadata/name');
    changes.push({ change: 'renamed', ref: refOf(partner), from: refOf(gone), fields });
  }
  appendAll(changes, added.map((object): ResourceChange => ({ change: 'added', ref: refOf(object), fields: [] })));
  appendAll(changes, removed.map((object): ResourceChange => ({ change: 'removed', ref: refOf(object), fields: [] })));
  changes.sort((a, b) => compareRefs(a.ref, b.ref));
  return { changes, unchanged };
}

function renamedFrom(before: KubeObject, after: KubeObject): boolean {
  const a = refOf(before);
  const b = refOf(after);
  if (!HASHED_KINDS.has(a.kind) || a.kind !== b.kind || a.apiVersion !== b.apiVersion || a.namespace !== b.namespace) return false;
  const stemA = HASH_SUFFIX.exec(a.name)?.[1];
  return stemA !== undefined && stemA === HASH_SUFFIX.exec(b.name)?.[1];
}

function compareRefs(a: ResourceRef, b: ResourceRef): number {
  return a.kind.localeCompare(b.kind) || (a.namespace ?? '').localeCompare(b.namespace ?? '') || a.name.localeCompare(b.name);
}

export function diffFields(before: unknown, after: unknown, at = ''): FieldChange[] {
  const changes: FieldChange[] = [];
  collectChanges(before, after, at, changes);
  return changes;
}

function collectChanges(before: unknown, after: unknown, at: string, out: FieldChange[]): void {
  if (deepEqual(before, after)) return;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((key) => !(key in before))];
    for (const key of keys) {
      const path = at + pointer(key);
      if (!(key in after)) out.push({ path, kind: 'removed', before: before[key] });
      else if (!(key in before)) out.push({ path, kind: 'added', after: after[key] });
      else collectChanges(before[key], after[key], path, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    collectListChanges(before, after, at, out);
    return;
  }
  out.push({ path: at, kind: 'changed', before, after });
}

/**
 * Lists of named items (containers, env, ports, volumes) are matched by name, so inserting one entry
 * reports that entry instead of every entry after it; other lists compare position by position.
 */
function collectListChanges(before: unknown[], after: unknown[], at: string, out: FieldChange[]): void {
  const beforeNames = itemNames(before);
  const afterNames = itemNames(after);
  if (beforeNames && afterNames) {
    afterNames.forEach((name, index) => {
      const old = beforeNames.indexOf(name);
      if (old === -1) out.push({ path: at + pointer(index), kind: 'added', after: after[index] });
      else collectChanges(before[old], after[index], at + pointer(index), out);
    });
    beforeNames.forEach((name, index) => {
      if (!afterNames.includes(name)) out.push({ path: at + pointer(index), kind: 'removed', before: before[index] });
    });
    return;
  }
  for (let index = 0; index < Math.max(before.length, after.length); index++) {
    const path = at + pointer(index);
    if (index >= before.length) out.push({ path, kind: 'added', after: after[index] });
    else if (index >= after.length) out.push({ path, kind: 'removed', before: before[index] });
    else collectChanges(before[index], after[index], path, out);
  }
}

function itemNames(list: unknown[]): string[] | undefined {
  const names = list.map((item) => (isRecord(item) && typeof item.name === 'string' ? item.name : undefined));
  if (names.length === 0 || names.some((name) => name === undefined)) return undefined;
  return new Set(names).size === names.length ? (names as string[]) : undefined;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => deepEqual(item, b[index]));
  if (isRecord(a) && isRecord(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
  }
  return false;
}
