// The run's validator: CRDs given with --crd, then CRDs kept in the repository, then the vendored schemas.
// A source's own rendered CRDs are layered on top per source (pipeline → withCrds).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readCrdPaths, readRepositoryCrds } from './crd-files.ts';
import { CrdSchemas, vendoredObjectMeta, type ResourceValidator } from './crd-schemas.ts';
import { builtinDirectory, builtinFileName, splitApiVersion } from './schema-locations.ts';

export interface CrdValidatorOptions {
  /** The repository whose CRD files are read. */
  root: string;
  crdPaths: readonly string[];
  /** Schema locations, searched for the strict ObjectMeta that custom resources share with built-in kinds. */
  locations: readonly string[];
  kubernetesVersion: string;
}

export function customResourceValidator(vendored: ResourceValidator, options: CrdValidatorOptions): CrdSchemas {
  const objectMeta = vendoredObjectMeta(options.locations, options.kubernetesVersion);
  // Walking the repository reads every manifest and schema file: done only once a resource's kind could be
  // served by one of its CRDs, so a run over built-in kinds alone starts without it.
  const repository = { skips: servedByKubernetes(options), read: () => readRepositoryCrds(options.root) };
  return CrdSchemas.over(vendored, readCrdPaths(options.crdPaths), objectMeta, repository);
}

/**
 * Kinds the Kubernetes API serves itself, which no repository CRD can take over: the API server refuses a CRD
 * group without a dot, and `*.k8s.io` groups are Kubernetes's own. Known by a vendored built-in schema.
 */
function servedByKubernetes(options: CrdValidatorOptions): (apiVersion: string, kind: string) => boolean {
  const known = new Map<string, boolean>();
  return (apiVersion, kind) => {
    const [group] = splitApiVersion(apiVersion);
    if (group.includes('.') && !group.endsWith('.k8s.io')) return false;
    const id = `${apiVersion}\u0000${kind}`;
    let builtIn = known.get(id);
    if (builtIn === undefined) {
      const file = join(builtinDirectory(options.kubernetesVersion), builtinFileName(apiVersion, kind));
      builtIn = options.locations.some((location) => existsSync(join(location, file)));
      known.set(id, builtIn);
    }
    return builtIn;
  };
}
