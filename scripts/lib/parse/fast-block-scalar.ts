// Literal (`|`) and folded (`>`) block scalars of the fast YAML reader, with `-` and `+` chomping. Explicit
// indentation indicators and spaces on empty lines past the indentation go to the full parser.
import { unsupported } from './fast-unsupported.ts';
import { indentOf, isMarker } from './fast-lines.ts';

/** The block scalar whose header is at `lines[row][at]`; returns its value and the row after it. */
export function blockScalar(lines: readonly string[], row: number, at: number, parent: number): { value: string; row: number } {
  const header = /^([|>])([-+]?)( +#.*)?$/.exec(lines[row]!.slice(at).trimEnd());
  if (!header) unsupported(); // indentation indicators and odd headers
  const [, style, chomp] = header;
  let r = row + 1;
  const body: string[] = [];
  let indent = -1;
  let leadingSpaces = 0;
  while (r < lines.length) {
    const current = lines[r]!;
    const spaces = indentOf(current);
    if (spaces === current.length) {
      // An empty line; spaces past the indentation would be content, which only the full parser gets right.
      if (indent !== -1 && spaces > indent) unsupported();
      leadingSpaces = Math.max(leadingSpaces, spaces);
      body.push('');
      r++;
      continue;
    }
    if (indent === -1) {
      if (spaces <= parent) break;
      if (leadingSpaces > spaces) unsupported();
      indent = spaces;
    }
    if (spaces < indent || isMarker(current)) break;
    body.push(current.slice(indent));
    r++;
  }
  let last = body.length;
  while (last > 0 && body[last - 1] === '') last--;
  const content = body.slice(0, last);
  const trailing = body.length - last;
  if (content.length === 0) return { value: chomp === '+' ? '\n'.repeat(trailing) : '', row: r };
  let text = style === '|' ? content.join('\n') : fold(content);
  if (chomp === '') text += '\n';
  else if (chomp === '+') text += '\n' + '\n'.repeat(trailing);
  return { value: text, row: r };
}

/**
 * Folded style: a line break between two text lines is a space, and each empty line between them a newline;
 * around a more-indented line (it starts with a space) every line break is kept.
 */
function fold(lines: readonly string[]): string {
  let out = '';
  let previous: 'none' | 'text' | 'indented' = 'none';
  let empty = 0;
  for (const line of lines) {
    if (line === '') {
      empty++;
      continue;
    }
    const kind = line[0] === ' ' ? 'indented' : 'text';
    if (previous === 'none') out += '\n'.repeat(empty) + line;
    else if (previous === 'text' && kind === 'text') out += (empty > 0 ? '\n'.repeat(empty) : ' ') + line;
    else out += '\n'.repeat(empty + 1) + line;
    previous = kind;
    empty = 0;
  }
  return out;
}
