// A kustomization file as a Resource, so findings about it carry its file, line and pointer like any other.
import type { Resource } from '../model.ts';
import { isRecord } from '../model.ts';
import { parseYamlDocuments } from '../parse/yaml-documents.ts';

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
