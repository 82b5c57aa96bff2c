// Container image references: registry/repository[:tag][@digest].
export interface ImageReference {
  repository: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at === -1 ? undefined : image.slice(at + 1);
  const name = at === -1 ? image : image.slice(0, at);
  // A colon after the last slash is a tag; one before it is a registry port (registry:5000/app).
  const colon = name.lastIndexOf(':');
  const hasTag = colon > name.lastIndexOf('/');
  const reference: ImageReference = { repository: hasTag ? name.slice(0, colon) : name };
  if (hasTag) reference.tag = name.slice(colon + 1);
  if (digest) reference.digest = digest;
  return reference;
}

/** Pinned by content: `@sha256:` followed by the 64 hex digits of the digest. */
export function hasDigest(reference: ImageReference): boolean {
  return reference.digest !== undefined && /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(reference.digest);
}
