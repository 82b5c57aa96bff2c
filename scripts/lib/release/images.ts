// Reads and rewrites the `images:` of a kustomization without touching anything else in the file.
import { isMap, isScalar, isSeq, parseDocument, type Document } from 'yaml';

/** One `images:` entry as kustomize reads it: `name` is matched, the rest replaces. */
export interface ImageEntry {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
}

/** The fields that say which image runs; a promotion copies all of them together. */
export const IMAGE_FIELDS = ['newName', 'newTag', 'digest'] as const;

/** What one promotion of one image changes. */
export interface ImageMove {
  name: string;
  before: ImageEntry;
  after: ImageEntry;
}

/** A problem with the file the user can fix: the command prints it as one line. */
export class KustomizationEditError extends Error {}

/** The label that names the running release; it moves with the image tag when it matched it. */
export const VERSION_LABEL = 'app.kubernetes.io/version';

export function readImages(text: string, file: string): ImageEntry[] {
  const document = parseKustomization(text, file);
  const images = document.get('images', true);
  if (images === undefined || images === null) return [];
  if (!isSeq(images)) throw new KustomizationEditError(`${file}: images: must be a list`);
  return images.items.map((item, index) => {
    if (!isMap(item)) throw new KustomizationEditError(`${file}: images[${index}] must be a mapping`);
    const name = item.get('name');
    if (typeof name !== 'string' || name === '') throw new KustomizationEditError(`${file}: images[${index}] has no name`);
    const entry: ImageEntry = { name };
    for (const field of IMAGE_FIELDS) {
      const value = item.get(field);
      if (value !== undefined && value !== null) entry[field] = String(value);
    }
    return entry;
  });
}

export function sameImage(a: ImageEntry, b: ImageEntry): boolean {
  return IMAGE_FIELDS.every((field) => a[field] === b[field]);
}

/** 'ghcr.io/openclaw/openclaw:2026.3.1@sha256:…', as the rendered container image will read. */
export function describeImage(entry: ImageEntry): string {
  const tag = entry.newTag ? `:${entry.newTag}` : '';
  const digest = entry.digest ? `@${entry.digest}` : '';
  return `${entry.newName ?? entry.name}${tag}${digest}`;
}

/** The tag, or the start of the digest when there is no tag: what a branch or title calls the release. */
export function releaseName(entry: ImageEntry): string {
  if (entry.newTag) return entry.newTag;
  if (entry.digest) return entry.digest.replace(/^sha256:/, 'sha256-').slice(0, 19);
  return 'untagged';
}

/**
 * Writes each move into the kustomization text. Only the moved fields change: the document is edited
 * in place, so comments, key order, quoting and blank lines stay as they were. A version label equal
 * to the old tag becomes the new tag, because the label and the image are one release.
 */
export function applyImageMoves(text: string, file: string, moves: readonly ImageMove[]): string {
  const document = parseKustomization(text, file);
  if (String(document) !== text) {
    // The library would reformat this file on output; refusing beats an unreviewable diff.
    throw new KustomizationEditError(`${file}: cannot be edited without reformatting it; move the image in images: by hand`);
  }
  for (const move of moves) {
    const index = imageIndex(document, move.name);
    if (index === -1) throw new KustomizationEditError(`${file}: images: has no entry named ${move.name}`);
    for (const field of IMAGE_FIELDS) {
      const value = move.after[field];
      if (value === undefined) document.deleteIn(['images', index, field]);
      else document.setIn(['images', index, field], value);
    }
    if (move.before.newTag && move.after.newTag && move.before.newTag !== move.after.newTag) {
      moveVersionLabel(document, move.before.newTag, move.after.newTag);
    } else if (move.before.newTag && !move.after.newTag && hasVersionLabel(document, move.before.newTag)) {
      // A digest-only image has no tag to move the label to; keeping the old one would label the new release
      // with the old version, and dropping it could change a selector. The user decides.
      throw new KustomizationEditError(
        `${file}: ${move.name} moves to a digest without a tag, but ${VERSION_LABEL} says ${JSON.stringify(move.before.newTag)} (the old tag); ` +
          'give the source overlay a newTag too, or change the label by hand first',
      );
    }
  }
  return String(document);
}

function parseKustomization(text: string, file: string): Document {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    throw new KustomizationEditError(`${file}: not valid YAML: ${document.errors[0]!.message.split('\n')[0]}`);
  }
  if (!isMap(document.contents)) throw new KustomizationEditError(`${file}: a kustomization must be a mapping`);
  return document;
}

function imageIndex(document: Document, name: string): number {
  const images = document.get('images', true);
  if (!isSeq(images)) return -1;
  return images.items.findIndex((item) => isMap(item) && item.get('name') === name);
}

/** Every place moveVersionLabel would rewrite. */
function versionLabelPaths(document: Document): Array<Array<string | number>> {
  const paths: Array<Array<string | number>> = [];
  const labels = document.get('labels', true);
  if (isSeq(labels)) labels.items.forEach((item, index) => isMap(item) && paths.push(['labels', index, 'pairs', VERSION_LABEL]));
  paths.push(['commonLabels', VERSION_LABEL]);
  return paths;
}

function hasVersionLabel(document: Document, value: string): boolean {
  return versionLabelPaths(document).some((path) => scalarValue(document.getIn(path, true)) === value);
}

/** `labels[].pairs` and the older `commonLabels`, wherever they hold the old tag as the version. */
function moveVersionLabel(document: Document, from: string, to: string): void {
  for (const path of versionLabelPaths(document)) {
    if (scalarValue(document.getIn(path, true)) === from) document.setIn(path, to);
  }
}

function scalarValue(node: unknown): string | undefined {
  return isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined;
}
