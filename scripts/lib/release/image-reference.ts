// The image reference grammar of the OCI distribution spec (as the container runtimes parse it), applied to
// the images: entries a promotion copies. A value outside it cannot name a pullable image, and it is the
// kind of value that turns into shell or Markdown when printed, so it is refused before anything is written.
import type { ImageEntry } from './images.ts';

/** `[domain/]path`: domain components may hold capitals and a port; path components are lower case. */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const NAME = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
/** The whole name, domain included, is at most 255 characters. */
const NAME_MAX = 255;
const TAG = /^[\w][\w.-]{0,127}$/;
/** `algorithm:encoded`; the registered algorithms also fix the encoded length (lower-case hex). */
const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const DIGEST_LENGTH: Readonly<Record<string, number>> = { sha256: 64, sha512: 128 };

/** Why the value is not a valid image name, tag or digest; undefined when it is. */
export function imageReferenceProblem(field: 'name' | 'newName' | 'newTag' | 'digest', value: string): string | undefined {
  if (field === 'newTag') {
    return TAG.test(value) ? undefined : 'a tag is 1 to 128 letters, digits, _ . or -, and does not start with . or -';
  }
  if (field === 'digest') {
    if (!DIGEST.test(value)) return 'a digest is ALGORITHM:HEX, e.g. sha256: and 64 hexadecimal digits';
    const [algorithm, encoded] = value.split(':') as [string, string];
    const length = DIGEST_LENGTH[algorithm];
    if (length !== undefined && !new RegExp(`^[a-f0-9]{${length}}$`).test(encoded)) {
      return `a ${algorithm} digest is ${length} lower-case hexadecimal digits`;
    }
    return undefined;
  }
  if (value.length > NAME_MAX || !NAME.test(value)) {
    return 'an image name is [registry[:port]/]path, the path in lower-case letters, digits and . _ - separators';
  }
  return undefined;
}

/** The first field of the entry that is not a valid reference part, as `field "value": why`. */
export function invalidImageField(entry: ImageEntry): string | undefined {
  for (const field of ['name', 'newName', 'newTag', 'digest'] as const) {
    const value = entry[field];
    if (value === undefined) continue;
    const problem = imageReferenceProblem(field, value);
    if (problem) return `${field} ${JSON.stringify(value)} is not valid: ${problem}`;
  }
  return undefined;
}
