// Characters that must not reach the output raw are shown as escapes, so the reader still sees them.

/** C0/C1 controls except tab and newline: ESC, CSI or CR in a message could rewrite the user's terminal. */
export const TERMINAL_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * What XML 1.0 forbids outright (no character reference can carry them): most C0 controls, U+FFFE/U+FFFF
 * and unpaired surrogates.
 */
export const XML_FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `\x1b` for bytes below 0x100, `\ud800` otherwise. */
export function showInvisible(text: string, pattern: RegExp): string {
  return text.replace(pattern, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * Characters that take no visible space: whitespace, controls, format characters (zero-width space and
 * joiners, BOM, soft hyphen, bidi marks), combining marks and variation selectors on their own, and the
 * filler letters some fonts draw as nothing (Hangul fillers, the blank braille pattern).
 */
const INVISIBLE = /[\s\p{Cc}\p{Cf}\p{Z}\p{M}\u115f\u1160\u3164\uffa0\u2800]/gu;

/** True when the text would look empty to a reviewer: nothing left once the invisible characters are gone. */
export function looksBlank(text: string): boolean {
  return text.replace(INVISIBLE, '') === '';
}
