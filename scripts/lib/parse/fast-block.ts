// The block structure of the fast YAML reader: mappings and sequences by indentation, and the values that
// start on a key's or an entry's line. Anything it does not read throws `Unsupported` (see fast-yaml.ts).
import { blockScalar } from './fast-block-scalar.ts';
import { indentOf, isBlank, isMarker, isSequenceEntry } from './fast-lines.ts';
import { closingQuote, quoted } from './fast-quoted.ts';
import { expectLineEnd, flowCollection, keyText, plainValue, quotedOnLine, setKey } from './fast-scalars.ts';
import { unsupported } from './fast-unsupported.ts';

const MAPPING_KEY_END = /:(?: |$)/g;

export class BlockReader {
  row = 0;

  constructor(readonly lines: readonly string[]) {}

  /** The block node at the next content line, which must be indented more than `parent`. */
  node(parent: number): unknown {
    this.skipBlank();
    if (this.row >= this.lines.length) return null;
    const line = this.lines[this.row]!;
    if (isMarker(line)) return null;
    const indent = indentOf(line);
    if (indent <= parent) return null;
    return isSequenceEntry(line, indent) ? this.sequence(indent) : this.mapping(indent, indent);
  }

  skipBlank(): void {
    while (this.row < this.lines.length && isBlank(this.lines[this.row]!)) this.row++;
  }

  private sequence(indent: number): unknown[] {
    const items: unknown[] = [];
    for (;;) {
      this.skipBlank();
      const line = this.lines[this.row];
      if (line === undefined || isMarker(line) || indentOf(line) !== indent || !isSequenceEntry(line, indent)) return items;
      let at = indent + 1;
      while (line.charCodeAt(at) === 0x20) at++;
      if (at >= line.length || line[at] === '#') {
        // The item starts on a later line; `yaml` places an empty one where only it knows.
        this.row++;
        this.skipBlank();
        items.push(this.node(indent));
        continue;
      }
      if (line[at] === '-' && (line[at + 1] === ' ' || at + 1 === line.length)) unsupported(); // `- - a`
      // `- key: value`: a mapping whose keys line up at the column of the first one.
      items.push(startsMappingEntry(line, at) ? this.mapping(at, indent) : this.inlineValue(line, at, indent));
    }
  }

  /** A mapping with keys at column `indent`; the first key may follow a `- ` on its line. */
  private mapping(indent: number, parent: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    let first = true;
    for (;;) {
      if (!first) this.skipBlank();
      const line = this.lines[this.row];
      if (line === undefined || isMarker(line)) return result;
      if (!first) {
        const lineIndent = indentOf(line);
        if (lineIndent < indent) return result;
        if (lineIndent > indent || isSequenceEntry(line, indent)) unsupported();
      }
      first = false;
      const [key, afterColon] = mappingKey(line, indent);
      let at = afterColon;
      while (line.charCodeAt(at) === 0x20) at++;
      let value: unknown;
      if (at >= line.length || line[at] === '#') {
        this.row++;
        this.skipBlank();
        const next = this.lines[this.row];
        // A sequence may sit at the same column as its key.
        if (next !== undefined && !isMarker(next) && indentOf(next) === indent && isSequenceEntry(next, indent)) value = this.sequence(indent);
        else value = this.node(indent);
      } else {
        if (at === afterColon) unsupported();
        value = this.inlineValue(line, at, Math.max(indent, parent));
      }
      setKey(result, key, value);
    }
  }

  /** A value that starts on this line at `at`; the row advances past it. `parent` is the owner's column. */
  private inlineValue(line: string, at: number, parent: number): unknown {
    const c = line[at]!;
    if (c === '|' || c === '>') {
      const scalar = blockScalar(this.lines, this.row, at, parent);
      this.row = scalar.row;
      return scalar.value;
    }
    if (c === '"' || c === "'") {
      const scalar = quoted(this.lines, this.row, at, parent);
      this.row = scalar.row + 1;
      expectLineEnd(this.lines[scalar.row]!, scalar.end);
      this.continuationCheck(parent);
      return scalar.value;
    }
    if (c === '[' || c === '{') {
      const [value, end] = flowCollection(line, at);
      this.row++;
      expectLineEnd(line, end);
      this.continuationCheck(parent);
      return value;
    }
    this.row++;
    // `-`, `?` and `:` start a plain scalar when a non-space follows (`-1`, `::/0`); otherwise they are indicators.
    const indicatorStartsPlain = '-?:'.includes(c) && line[at + 1] !== ' ' && line[at + 1] !== undefined;
    if ('&*!%@`?:-,]}'.includes(c) && !indicatorStartsPlain) unsupported();
    const comment = line.indexOf(' #', at);
    const text = (comment === -1 ? line.slice(at) : line.slice(at, comment)).trimEnd();
    if (/: |:$/.test(text)) unsupported(); // a nested mapping on one line is an error in YAML
    const continued = this.plainContinuation(text, parent);
    if (continued !== text && comment !== -1) unsupported(); // a comment cannot be followed by more of the scalar
    return continued === text ? plainValue(text) : continued;
  }

  /**
   * The lines of a multi-line plain scalar after its first: more indented than its owner, folded into one
   * line (a line break is a space, each empty line a newline). A multi-line plain scalar is always a string.
   */
  private plainContinuation(first: string, parent: number): string {
    let text = first;
    let empty = 0;
    for (let row = this.row; row < this.lines.length; row++) {
      const line = this.lines[row]!;
      const indent = indentOf(line);
      if (indent === line.length) {
        empty++;
        continue;
      }
      if (indent <= parent || isMarker(line)) break;
      const content = line.slice(indent).trimEnd();
      // Comments, entries and keys inside the continuation have rules of their own.
      if (content[0] === '#' || /: |:$| #/.test(content) || (content[0] === '-' && (content.length === 1 || content[1] === ' '))) unsupported();
      text += (empty > 0 ? '\n'.repeat(empty) : ' ') + content;
      empty = 0;
      this.row = row + 1;
    }
    return text;
  }

  /** A more indented line after a one-line value would continue it (multi-line plain scalar) or be an error. */
  private continuationCheck(parent: number): void {
    let row = this.row;
    while (row < this.lines.length && isBlank(this.lines[row]!)) row++;
    const next = this.lines[row];
    if (next !== undefined && !isMarker(next) && indentOf(next) > parent) unsupported();
  }
}

/** The key of a block mapping entry at `at` and the index after its colon. */
export function mappingKey(line: string, at: number): [string, number] {
  const c = line[at]!;
  if (c === '"' || c === "'") {
    const [key, end] = quotedOnLine(line, at);
    let colon = end;
    while (line.charCodeAt(colon) === 0x20) colon++;
    if (line[colon] !== ':' || (colon + 1 < line.length && line[colon + 1] !== ' ')) unsupported();
    return [keyText(key), colon + 1];
  }
  if ('[]{}&*!|>%@`#,?:'.includes(c) || (c === '-' && line[at + 1] === ' ')) unsupported();
  MAPPING_KEY_END.lastIndex = at;
  const match = MAPPING_KEY_END.exec(line);
  if (!match) unsupported(); // no `key:` on this line: a multi-line scalar or an error
  const raw = line.slice(at, match.index);
  if (raw.includes(' #') || raw.includes('"') || raw.includes("'")) unsupported();
  return [keyText(plainValue(raw.trimEnd())), match.index + 1];
}

/** A sequence item's content at `at` is the first key of a mapping. */
export function startsMappingEntry(line: string, at: number): boolean {
  const c = line[at]!;
  if (c === '"' || c === "'") {
    // A quote that does not close on this line starts a value over several lines, never a key.
    const end = closingQuote(line, at);
    return end !== -1 && /^ *:( |$)/.test(line.slice(end + 1));
  }
  if ('[{|>'.includes(c)) return false;
  const comment = line.indexOf(' #', at);
  const colon = line.slice(at, comment === -1 ? undefined : comment).search(/:( |$)/);
  return colon !== -1;
}
