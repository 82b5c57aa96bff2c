// Maps a rendered resource back to the manifest it came from, using kustomize's origin annotation only
// as a hint: the annotation is output, so a kustomization can forge it (commonAnnotations, a patch). A
// file is opened only when the kustomization graph walk already found it inside the repository.
import { realpathSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { KubeObject, Resource } from '../model.ts';
import type { ImageOverrides } from './image-overrides.ts';
import type { OriginFiles } from './origin-files.ts';

export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

export interface ProvenanceContext {
  /** The directory kustomize ran in (origin paths are relative to it), as a real path. */
  wrapper: string;
  root: string;
  /** From the graph walk: the paths kustomize names files by, and their real paths. */
  files: ReadonlyMap<string, string>;
  origins: OriginFiles;
  images: ImageOverrides;
}

/** The resource without the annotation, pointed at its origin file when the walk knows that file. */
export function withOrigin(resource: Resource, context: ProvenanceContext): { resource: Resource; untrusted: boolean } {
  const originText = resource.object.metadata?.annotations?.[ORIGIN_ANNOTATION];
  if (originText === undefined) return { resource, untrusted: false };
  const object = stripOrigin(resource.object);
  let origin: unknown;
  try {
    origin = typeof originText === 'string' && originText.length < 4096 ? parseYaml(originText, { maxAliasCount: 0 }) : undefined;
  } catch {
    origin = undefined;
  }
  const { path, configuredIn } = (origin && typeof origin === 'object' ? origin : {}) as { path?: unknown; configuredIn?: unknown };
  const named = typeof path === 'string' ? path : typeof configuredIn === 'string' ? configuredIn : undefined;
  const absolute = named === undefined ? undefined : resolve(context.wrapper, named);
  const real = absolute === undefined ? undefined : walkedFile(absolute, context.files);
  // Unknown to the walk: the annotation lies (or names a remote origin, which the walk refuses).
  if (absolute === undefined || real === undefined) return { resource: { ...resource, object }, untrusted: true };
  const file = relative(context.root, absolute);
  if (typeof path !== 'string') return { resource: { ...resource, object, file, line: undefined, locate: () => undefined }, untrusted: false };
  const document = context.origins.documentFor(real, object);
  return {
    resource: { ...resource, object, file, line: document?.line, locate: (pointer) => context.images.locate(pointer, document) ?? document?.locate(pointer) },
    untrusted: false,
  };
}

/**
 * The real path of a file the walk found, by the path kustomize printed. The walk keys files under their
 * directory's real path, while kustomize prints the path through a symlinked directory it was given
 * (`overlays/x/link/cm.yaml` for a link to a base): such a path counts when its real path is a walked file.
 * Resolving a path opens nothing, and a forged path leads to no walked file, so it stays refused.
 */
function walkedFile(path: string, files: ReadonlyMap<string, string>): string | undefined {
  const known = files.get(path);
  if (known !== undefined) return known;
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  const byKey = files.get(real);
  if (byKey !== undefined) return byKey;
  for (const walked of files.values()) if (walked === real) return walked;
  return undefined;
}

function stripOrigin(object: KubeObject): KubeObject {
  const metadata = { ...object.metadata };
  const { [ORIGIN_ANNOTATION]: _origin, ...annotations } = metadata.annotations ?? {};
  if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
  else delete metadata.annotations;
  return { ...object, metadata };
}
