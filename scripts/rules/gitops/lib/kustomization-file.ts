// A kustomization.yaml as a Resource, so findings about it carry its file and line like any other.
import type { Resource } from '../../../lib/model.ts';
import { parseYamlDocuments } from '../../../lib/parse/yaml-documents.ts';
import { isRecord } from '../../../lib/model.ts';
import { kustomizationIn, type RepositoryFiles } from '../../../lib/repository-files.ts';

/**
 * Kustomize lets apiVersion and kind be omitted, which parseResources would refuse; the defaults are
 * filled in on the object only, so the positions of the written keys are unchanged.
 */
export function kustomizationResource(text: string, origin: { source: string; file: string; name?: string }): Resource | undefined {
  const document = parseYamlDocuments(text).documents.find((doc) => isRecord(doc.value));
  if (!document || !isRecord(document.value)) return undefined;
  const value = document.value;
  return {
    object: {
      ...value,
      apiVersion: typeof value.apiVersion === 'string' ? value.apiVersion : 'kustomize.config.k8s.io/v1beta1',
      kind: typeof value.kind === 'string' ? value.kind : 'Kustomization',
      // Reports name a resource; a kustomization file rarely has a name, its directory is what people know.
      metadata: isRecord(value.metadata) ? { name: origin.name, ...value.metadata } : { name: origin.name },
    },
    source: origin.source,
    file: origin.file,
    line: document.line,
    locate: (ptr) => document.locate(ptr),
  };
}

/**
 * The kustomization file of `dir` (repository-relative) from the repository's listing, parsed; undefined when
 * there is none, or when it could not be read safely (a link out of the repository, a device, too large): the
 * render guard reports those on the overlay, and a rule must never print or choke on what lies outside.
 */
export function kustomizationOf(files: RepositoryFiles, dir: string, source: string): Resource | undefined {
  const found = kustomizationIn(files, dir);
  return found === undefined ? undefined : kustomizationResource(found.text, { source, file: found.file, name: dir });
}
