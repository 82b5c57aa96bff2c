// Which vendored Kubernetes version to validate against.
import { vendoredVersions } from '../check/schema-locations.ts';
import { UsageError } from './command-line.ts';

/** Used only when no version is vendored at all (then every built-in kind lacks a schema). */
export const FALLBACK_KUBERNETES_VERSION = '1.36.0';

export function resolveKubernetesVersion(requested: string | undefined, locations: readonly string[]): string {
  const vendored = [...new Set(locations.flatMap(vendoredVersions))];
  if (requested === undefined) return vendored[0] ?? FALLBACK_KUBERNETES_VERSION;
  const match = vendored.find((version) => version === requested || version.startsWith(`${requested}.`));
  if (!match) {
    const known = vendored.length > 0 ? vendored.join(', ') : 'none';
    throw new UsageError(`--kubernetes-version ${requested} is not vendored (vendored: ${known}); run npm run schemas or add --schema-location`);
  }
  return match;
}
