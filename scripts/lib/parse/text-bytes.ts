// What must be refused before a byte of YAML is parsed: too much of it, binary data, text that is not UTF-8.
import { BINARY_FILE_FIX } from '../built-in-rules.ts';

/**
 * Parsing holds the text, its node tree and the values at once: about 30 bytes per input byte for manifests,
 * up to 100 for one huge mapping. 32 MiB keeps that worst case near 3 GB, under V8's default heap, so a run
 * refuses with a finding instead of dying. Every file kustomize or the parser reads is held to it; real
 * manifests, even whole rendered clusters or CRD bundles, are far smaller.
 */
export const MAX_YAML_BYTES = 32 * 1024 * 1024;

export interface Refusal {
  message: string;
  fix: string;
  line?: number;
}

/** Why these bytes are not a YAML manifest kubectl would read, or undefined when they may be parsed. */
export function refuseBytes(bytes: Uint8Array): Refusal | undefined {
  if (bytes.length > MAX_YAML_BYTES) {
    return {
      message: `input is ${mebibytes(bytes.length)} MiB, over the ${mebibytes(MAX_YAML_BYTES)} MiB limit for one YAML file; it was not parsed`,
      fix: 'Split the manifests into smaller files.',
    };
  }
  // indexOf is a memchr over the whole input: a NUL byte anywhere, not only near the start, means binary.
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    return {
      message: `file is not text: it contains a NUL byte (line ${lineOf(bytes, nul)})`,
      fix: BINARY_FILE_FIX,
      line: lineOf(bytes, nul),
    };
  }
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1) {
    return {
      message: `file is not valid UTF-8 (byte 0x${bytes[invalid]!.toString(16).padStart(2, '0')} at line ${lineOf(bytes, invalid)}); kubectl reads YAML as UTF-8`,
      fix: 'Save the file as UTF-8 (convert it with iconv), or quote binary data as base64 in a Secret.',
      line: lineOf(bytes, invalid),
    };
  }
  return undefined;
}

function mebibytes(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(0x0a); at !== -1 && at < offset; at = bytes.indexOf(0x0a, at + 1)) line++;
  return line;
}

const strictDecoder = new TextDecoder('utf-8', { fatal: true });

/** Offset of the first byte that starts an invalid UTF-8 sequence, or -1. The fast path is the native decoder. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  try {
    strictDecoder.decode(bytes);
    return -1;
  } catch {
    // Only for a broken file: find where, so the finding can point at the line.
  }
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return -1;
}

/** Length of the well-formed UTF-8 sequence at `i` (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF), or 0. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b0 = bytes[i]!;
  if (b0 < 0x80) return 1;
  const continuation = (at: number, low = 0x80, high = 0xbf) => at < bytes.length && bytes[at]! >= low && bytes[at]! <= high;
  if (b0 >= 0xc2 && b0 <= 0xdf) return continuation(i + 1) ? 2 : 0;
  if (b0 >= 0xe0 && b0 <= 0xef) {
    const [low, high] = b0 === 0xe0 ? [0xa0, 0xbf] : b0 === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continuation(i + 1, low, high) && continuation(i + 2) ? 3 : 0;
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    const [low, high] = b0 === 0xf0 ? [0x90, 0xbf] : b0 === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continuation(i + 1, low, high) && continuation(i + 2) && continuation(i + 3) ? 4 : 0;
  }
  return 0;
}
