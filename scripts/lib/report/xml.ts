// XML escaping for the JUnit report; hand-written because the output is a handful of elements.
import { XML_FORBIDDEN, showInvisible } from './invisible.ts';

/** CR as a reference too: parsers turn a literal CR (and CRLF) into LF, and the message should survive as written. */
export function escapeXmlText(text: string): string {
  return showInvisible(text, XML_FORBIDDEN)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');
}

/**
 * Attributes also escape quotes, and tab/newline/CR as character references: a parser normalises literal ones
 * in attribute values to spaces, which would flatten a multi-line message.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;');
}

/** `<name a="1" b="2">` from ordered pairs; undefined values are left out. */
export function attributes(pairs: ReadonlyArray<readonly [string, string | number | undefined]>): string {
  return pairs
    .filter((pair): pair is readonly [string, string | number] => pair[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(String(value))}"`)
    .join('');
}
