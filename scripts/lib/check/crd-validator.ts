// The run's validator: CRDs given with --crd, then CRDs kept in the repository, then the vendored schemas.
// A source's own rendered CRDs are layered on top per source (pipeline → withCrds).
import { readCrdPaths, readRepositoryCrds } from './crd-files.ts';
import { CrdSchemas, vendoredObjectMeta, type ResourceValidator } from './crd-schemas.ts';

export interface CrdValidatorOptions {
  /** The repository whose CRD files are read. */
  root: string;
  crdPaths: readonly string[];
  /** Schema locations, searched for the strict ObjectMeta that custom resources share with built-in kinds. */
  locations: readonly string[];
  kubernetesVersion: string;
}

export function customResourceValidator(vendored: ResourceValidator, options: CrdValidatorOptions): CrdSchemas {
  const crds = [...readCrdPaths(options.crdPaths), ...readRepositoryCrds(options.root)];
  return CrdSchemas.over(vendored, crds, vendoredObjectMeta(options.locations, options.kubernetesVersion));
}
