// A kustomization.yaml as a Resource, so findings about it carry its file and line like any other. The model
// carries the same Resource for every kustomization an overlay reaches (CheckedSource.kustomizations,
// scripts/lib/kustomize/kustomization-graph.ts).
import { kustomizationResource } from '../../../lib/kustomize/kustomization-resource.ts';
import type { Resource } from '../../../lib/model.ts';
import { kustomizationIn, type RepositoryFiles } from '../../../lib/repository-files.ts';

/**
 * The kustomization file of `dir` (repository-relative) from the repository's listing, parsed; undefined when
 * there is none, or when it could not be read safely (a link out of the repository, a device, too large): the
 * render guard reports those on the overlay, and a rule must never print or choke on what lies outside.
 */
export function kustomizationOf(files: RepositoryFiles, dir: string, source: string): Resource | undefined {
  const found = kustomizationIn(files, dir);
  return found === undefined ? undefined : kustomizationResource(found.text, { source, file: found.file, name: dir });
}
