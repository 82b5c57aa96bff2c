// Defensive readers for parsed YAML: a render may hold any shape, and a rule must not throw on it.
import { isRecord } from '../../lib/model.ts';

export { isRecord };

/** Walks object keys and list indexes ('0', '1', ...), so pointer segments can be followed too. */
export function valueAt(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (Array.isArray(current) && /^\d+$/.test(key)) current = current[Number(key)];
    else if (isRecord(current)) current = current[key];
    else return undefined;
  }
  return current;
}

export function recordAt(value: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  const found = valueAt(value, ...keys);
  return isRecord(found) ? found : undefined;
}

export function listAt(value: unknown, ...keys: string[]): unknown[] {
  const found = valueAt(value, ...keys);
  return Array.isArray(found) ? found : [];
}

export function stringAt(value: unknown, ...keys: string[]): string | undefined {
  const found = valueAt(value, ...keys);
  return typeof found === 'string' && found !== '' ? found : undefined;
}

export function numberAt(value: unknown, ...keys: string[]): number | undefined {
  const found = valueAt(value, ...keys);
  return typeof found === 'number' && Number.isFinite(found) ? found : undefined;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
