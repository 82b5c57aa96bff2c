// `field: null` as the API server reads it. Built-in objects are decoded into Go structs, where a JSON null
// leaves the field at its zero value, the same as leaving it out; structural schemas of custom resources
// prune a null unless the field is `nullable`. So the official ingress-nginx manifests' `data: null` is
// accepted, and must not be a schema error here. A required field that is null is still missing.
import type { KubeObject } from '../model.ts';

/**
 * The object with every mapping entry whose value is null removed, recursively; the same object when it
 * holds no such entry (the common case, which then costs one walk and no copy). List items that are null
 * are kept: a list of nulls is not a list of absent values.
 */
export function withoutNullFields<T extends KubeObject>(object: T): T {
  return stripNulls(object) as T;
}

function stripNulls(value: unknown): unknown {
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const stripped = stripNulls(item);
      if (stripped !== item) (copy ??= [...value])[index] = stripped;
    });
    return copy ?? value;
  }
  if (value === null || typeof value !== 'object') return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (item === null) {
      copy ??= { ...(value as Record<string, unknown>) };
      delete copy[key];
      continue;
    }
    const stripped = stripNulls(item);
    if (stripped !== item) (copy ??= { ...(value as Record<string, unknown>) })[key] = stripped;
  }
  return copy ?? value;
}
