// The Kubernetes release client-node was generated from, as its models' headers state it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';

/** `OpenAPI spec version: release-1.36` → `1.36.0`. */
export function specVersionOf(modelSource: string): string {
  const match = /OpenAPI spec version: release-(\d+)\.(\d+)/.exec(modelSource);
  if (!match) throw new Error('schema generator: client-node models do not say which Kubernetes release they come from');
  return `${match[1]}.${match[2]}.0`;
}

export function clientKubernetesVersion(): string {
  return specVersionOf(readFileSync(join(packageDir('@kubernetes/client-node'), 'dist', 'gen', 'models', 'V1ObjectMeta.js'), 'utf8'));
}
