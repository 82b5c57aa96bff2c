// A kustomization.yaml as a Resource, so findings about it carry its file and line like any other.
import { MAX_KUSTOMIZATION_BYTES } from '../../../lib/kustomize/read-kustomization.ts';
import type { Resource } from '../../../lib/model.ts';
import { parseYamlDocuments } from '../../../lib/parse/yaml-documents.ts';
import { KUSTOMIZATION_FILES } from '../../../lib/sources/discover.ts';
import { isRecord } from '../../../lib/model.ts';
import { readFileInside } from '../../../lib/repository-file.ts';

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
 * The kustomization file of `dir` (repository-relative), read and parsed; undefined when there is none, or
 * when it cannot be read safely (a link out of the repository, a device, too large): the render guard reports
 * those on the overlay, and a rule must never print or choke on what lies outside.
 */
export function readKustomization(root: string, dir: string, source: string): Resource | undefined {
  for (const name of KUSTOMIZATION_FILES) {
    const file = dir === '.' ? name : `${dir}/${name}`;
    const text = readFileInside(root, file, MAX_KUSTOMIZATION_BYTES);
    if (text === undefined) continue;
    return kustomizationResource(text, { source, file, name: dir });
  }
  return undefined;
}
