// Secrets are never read, only their key names: every value the smoke gives the gateway is made up here.
import { randomBytes } from 'node:crypto';
import { isRecord, type Resource } from '../lib/model.ts';

/** A fresh random value per key per run, obviously not a credential. */
export function throwawayValue(): string {
  return `smoke-${randomBytes(16).toString('hex')}`;
}

/**
 * The key names of Secret `name`: from a rendered Secret (data, stringData), or from an ExternalSecret
 * whose target is that Secret (spec.data[].secretKey, template.data keys). undefined when neither is
 * in the render (the Secret is made elsewhere, e.g. prod's read by the canary).
 */
export function secretKeysOf(resources: readonly Resource[], name: string, namespace: string): string[] | undefined {
  const inNamespace = (resource: Resource) => (resource.object.metadata?.namespace ?? namespace) === namespace;
  const secret = resources.find((r) => r.object.kind === 'Secret' && r.object.metadata?.name === name && inNamespace(r));
  if (secret) return [...new Set([...Object.keys(record(secret.object.data)), ...Object.keys(record(secret.object.stringData))])];
  const external = resources.find((r) => {
    if (r.object.kind !== 'ExternalSecret' || !inNamespace(r)) return false;
    const target = record(record(r.object.spec).target);
    return (typeof target.name === 'string' ? target.name : r.object.metadata?.name) === name;
  });
  if (!external) return undefined;
  const spec = record(external.object.spec);
  const keys = (Array.isArray(spec.data) ? spec.data : []).filter(isRecord).map((entry) => String(entry.secretKey));
  keys.push(...Object.keys(record(record(record(spec.target).template).data)));
  return [...new Set(keys)];
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}
