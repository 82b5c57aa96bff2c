// Where a schema for an apiVersion/kind lives, in the kubernetes-json-schema / CRDs-catalog layout kubeconform reads.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The directory of built-in kinds for a Kubernetes version, e.g. 'v1.36.0-standalone-strict'. */
export function builtinDirectory(kubernetesVersion: string): string {
  return `v${kubernetesVersion.replace(/^v/, '')}-standalone-strict`;
}

/** `deployment-apps-v1.json`, `service-v1.json`: the group's first label, core group omitted. */
export function builtinFileName(apiVersion: string, kind: string): string {
  const [group, version] = splitApiVersion(apiVersion);
  const parts = [kind.toLowerCase()];
  if (group) parts.push(group.split('.')[0]!.toLowerCase());
  parts.push(version.toLowerCase());
  return `${parts.join('-')}.json`;
}

/** `monitoring.coreos.com/servicemonitor_v1.json`. */
export function customFileName(apiVersion: string, kind: string): string | undefined {
  const [group, version] = splitApiVersion(apiVersion);
  if (!group) return undefined;
  return join(group.toLowerCase(), `${kind.toLowerCase()}_${version.toLowerCase()}.json`);
}

export function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}

/** Candidate files, in the order they are tried: each location's built-in file, then its custom file. */
export function schemaCandidates(locations: readonly string[], kubernetesVersion: string, apiVersion: string, kind: string): string[] {
  const builtin = builtinFileName(apiVersion, kind);
  const custom = customFileName(apiVersion, kind);
  return locations.flatMap((location) => [
    join(location, builtinDirectory(kubernetesVersion), builtin),
    ...(custom ? [join(location, custom)] : []),
  ]);
}

/** Versions vendored in a location, newest first ('1.36.0'). */
export function vendoredVersions(location: string): string[] {
  if (!existsSync(location)) return [];
  return readdirSync(location)
    .map((name) => /^v(\d+\.\d+\.\d+)-standalone-strict$/.exec(name)?.[1])
    .filter((version): version is string => version !== undefined)
    .sort(compareVersions)
    .reverse();
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
