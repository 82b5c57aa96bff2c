// Quoted scalars of the fast YAML reader, on one line or folded over several (yaml's stringify folds long
// double-quoted strings). Anything unusual throws `Unsupported`, and the full parser reads the document.
import { unsupported } from './fast-unsupported.ts';

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b',
  ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_LENGTH: Record<string, number> = { x: 2, u: 4, U: 8 };

export interface Quoted {
  value: string;
  /** Row of the line that holds the closing quote, and the index just after it. */
  row: number;
  end: number;
}

/**
 * The quoted scalar opening at `lines[row][start]`. A line break inside it folds: one break is a space, each
 * empty line a newline, spaces around the break are dropped; in double quotes a `\` at the end of a line
 * joins the lines with nothing between. Every continuation line must be indented more than `parent` (the
 * column of the collection that owns the scalar), or the full parser decides what the text means.
 */
export function quoted(lines: readonly string[], row: number, start: number, parent: number): Quoted {
  const double = lines[row]![start] === '"';
  let out = '';
  /** Length of `out` up to its last character that is not a raw space: trailing spaces of a line are dropped. */
  let kept = 0;
  let r = row;
  let i = start + 1;
  for (;;) {
    const line = lines[r]!;
    let joined = false;
    while (i < line.length) {
      const c = line[i]!;
      if (c === "'" && !double) {
        if (line[i + 1] !== "'") return { value: out, row: r, end: i + 1 };
        out += "'";
        kept = out.length;
        i += 2;
      } else if (c === '"' && double) {
        return { value: out, row: r, end: i + 1 };
      } else if (c === '\\' && double) {
        if (i + 1 === line.length) {
          // An escaped line break: the spaces before the backslash are content.
          kept = out.length;
          joined = true;
          break;
        }
        i = escape(line, i, (text) => (out += text));
        kept = out.length;
      } else {
        out += c;
        if (c !== ' ') kept = out.length;
        i++;
      }
    }
    // The line ended inside the scalar: fold the break into what follows.
    out = out.slice(0, kept);
    let empty = 0;
    r++;
    while (r < lines.length && /^ *$/.test(lines[r]!)) {
      empty++;
      r++;
    }
    const next = lines[r];
    if (next === undefined) unsupported(); // never closed: the full parser reports it
    let indent = 0;
    while (next.charCodeAt(indent) === 0x20) indent++;
    if (indent <= parent || /^(---|\.\.\.)( |$)/.test(next)) unsupported();
    if (joined && empty > 0) unsupported();
    if (!joined) out += empty > 0 ? '\n'.repeat(empty) : ' ';
    kept = out.length;
    i = indent;
  }
}

/** The escape at `line[at]` (a backslash) appended through `add`; returns the index after it. */
function escape(line: string, at: number, add: (text: string) => void): number {
  const code = line[at + 1]!;
  const hex = HEX_LENGTH[code];
  if (hex === undefined) {
    const escaped = ESCAPES[code];
    if (escaped === undefined) unsupported();
    add(escaped);
    return at + 2;
  }
  const digits = line.slice(at + 2, at + 2 + hex);
  if (digits.length !== hex || !/^[0-9a-fA-F]+$/.test(digits)) unsupported();
  const point = Number.parseInt(digits, 16);
  if (point > 0x10ffff || (point >= 0xd800 && point <= 0xdfff)) unsupported();
  add(String.fromCodePoint(point));
  return at + 2 + hex;
}

/** Index of the quote that closes the one at `line[start]` on the same line, or -1. */
export function closingQuote(line: string, start: number): number {
  const quote = line[start]!;
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}
