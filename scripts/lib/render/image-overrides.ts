// An image the overlay's `images:` sets is changed there, not in the manifest naming the original.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import type { Position } from '../model.ts';
import { valueAtPointer } from '../model.ts';
import { parseYamlDocuments, type ParsedDocument } from '../parse/yaml-documents.ts';
import { kustomizationFile } from '../sources/discover.ts';

const IMAGE_POINTER = /\/(containers|initContainers|ephemeralContainers)\/\d+\/image$/;

/** `ghcr.io/org/app:1.2@sha256:…` → `ghcr.io/org/app`: what an `images:` entry's `name` matches. */
export function imageName(reference: string): string {
  const withoutDigest = reference.split('@')[0]!;
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.indexOf(':', lastSlash + 1);
  return colon === -1 ? withoutDigest : withoutDigest.slice(0, colon);
}

export class ImageOverrides {
  private entries: Map<string, Position> | undefined;

  constructor(
    private readonly overlay: string,
    private readonly root: string,
  ) {}

  /**
   * Where the image at `pointer` is decided when the overlay's kustomization has an `images:` entry for
   * the image the original manifest names: that entry (tag, digest) is what a fix changes.
   */
  locate(pointer: string, original: ParsedDocument | undefined): Position | undefined {
    if (!IMAGE_POINTER.test(pointer) || !original) return undefined;
    const before = valueAtPointer(original.value, pointer);
    return typeof before === 'string' ? this.imageEntries().get(imageName(before)) : undefined;
  }

  private imageEntries(): Map<string, Position> {
    if (this.entries) return this.entries;
    this.entries = new Map();
    const file = kustomizationFile(this.overlay);
    if (!file) return this.entries;
    const document = parseYamlDocuments(readFileSync(file, 'utf8')).documents[0];
    const images = (document?.value as { images?: unknown } | undefined)?.images;
    if (!Array.isArray(images)) return this.entries;
    images.forEach((entry, index) => {
      const position = document!.locate(`/images/${index}`);
      const entryName = (entry as { name?: unknown } | null)?.name;
      if (typeof entryName === 'string' && position) this.entries!.set(entryName, { ...position, file: relative(this.root, file) });
    });
    return this.entries;
  }
}
