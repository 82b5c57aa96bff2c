// The Kubernetes release client-node was generated from, as its models' headers state it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from '../paths.ts';
import { CLIENT_NODE } from './client-models.ts';

/** `OpenAPI spec version: release-1.36` or `v1.32.0` (older releases) → `1.36.0`, `1.32.0`. */
export function specVersionOf(modelSource: string): string {
  const match = /OpenAPI spec version: (?:release-|v)(\d+)\.(\d+)/.exec(modelSource);
  if (!match) throw new Error('schema generator: client-node models do not say which Kubernetes release they come from');
  return `${match[1]}.${match[2]}.0`;
}

export function clientKubernetesVersion(client: string = CLIENT_NODE): string {
  return specVersionOf(readFileSync(join(packageDir(client), 'dist', 'gen', 'models', 'V1ObjectMeta.js'), 'utf8'));
}
