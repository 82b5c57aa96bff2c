// Defensive readers for parsed YAML: a render may hold any shape, and a rule must not throw on it.
import { isRecord } from '../../resource-index.ts';

export { isRecord };

export function recordAt(value: unknown, ...keys: string[]): Record<string, unknown> | undefined {
  const found = valueAt(value, ...keys);
  return isRecord(found) ? found : undefined;
}

export function listAt(value: unknown, ...keys: string[]): unknown[] {
  const found = valueAt(value, ...keys);
  return Array.isArray(found) ? found : [];
}

export function valueAt(value: unknown, ...keys: string[]): unknown {
  let current: unknown = value;
  for (const key of keys) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
