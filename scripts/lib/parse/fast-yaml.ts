// A fast reader for the YAML that kustomize and people write for Kubernetes: block mappings and sequences,
// plain, quoted and block scalars (also over several lines), one-line flow collections. It builds plain values
// in one pass over the lines, resolving scalars as kubectl does (kubectl-scalars.ts). Anything else (anchors,
// aliases, tags, merge keys, complex keys, tabs, carriage returns, directives, a byte-order mark, repeated
// keys, .inf and .nan, any syntax error) makes it hand the document, or the whole text, to the `yaml` package,
// which then also reports the errors (yaml-documents.ts). test/parse/fast-reader-agrees.test.ts holds the two
// to the same values, lines, problems and positions.
import type { Position } from '../model.ts';
import { BlockReader } from './fast-block.ts';
import { isMarker } from './fast-lines.ts';
import { DirectedLocator } from './fast-locate.ts';
import { Unsupported, unsupported } from './fast-unsupported.ts';

export interface FastDocument {
  /** The plain value, or undefined when this document needs the full parser. */
  value: unknown;
  /** 1-based line of the document's first content. */
  line: number;
  /** The document's text in the input: from the line after its `---` (0-based `row`) to its end. */
  start: number;
  end: number;
  row: number;
}

/** The documents of `text`, or undefined when the whole text needs the full parser (directives, a BOM). */
export function readFast(text: string): FastDocument[] | undefined {
  if (/\uFEFF|^%/m.test(text)) return undefined;
  try {
    return documents(text);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
}

function documents(text: string): FastDocument[] {
  const lines = text.split('\n');
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }
  const reader = new BlockReader(lines);
  const out: FastDocument[] = [];
  while (reader.row < lines.length) {
    const startRow = reader.row;
    reader.skipBlank();
    if (reader.row >= lines.length) break;
    const first = lines[reader.row]!;
    if (isMarker(first)) {
      if (first !== '---' && !/^--- +(#|$)/.test(first)) unsupported();
      reader.row++;
      continue;
    }
    const contentRow = reader.row;
    const start = offsets[startRow]!;
    let value: unknown;
    try {
      value = readRoot(reader);
    } catch (error) {
      // RangeError: nesting deeper than the stack. Either way this document goes to the full parser.
      if (!(error instanceof Unsupported) && !(error instanceof RangeError)) throw error;
      reader.row = contentRow + 1;
      while (reader.row < lines.length && !isMarker(lines[reader.row]!)) reader.row++;
      value = undefined;
    }
    const end = reader.row < lines.length ? offsets[reader.row]! : text.length;
    // Tabs and carriage returns have rules of their own (indentation, folding): the full parser applies them.
    if (value !== undefined && /[\t\r]/.test(text.slice(start, end))) value = undefined;
    if (value !== null) out.push({ value, line: contentRow + 1, start, end, row: startRow });
  }
  return out;
}

/** The document at the reader's row, which must end at a marker or the end of the text. */
function readRoot(reader: BlockReader): unknown {
  const value = reader.node(-1);
  reader.skipBlank();
  const next = reader.lines[reader.row];
  if (next !== undefined && !isMarker(next)) unsupported(); // less indented than the root
  return value;
}

/**
 * `locate` for a document the fast reader read: the pointer followed through the document's lines
 * (fast-locate.ts), which are split on the first call; 'unknown' where only `yaml` can tell (the caller asks
 * it then).
 */
export function fastLocator(text: string, document: FastDocument): (pointer: string) => Position | 'unknown' {
  let directed: DirectedLocator | undefined;
  return (pointer) => {
    directed ??= new DirectedLocator(text.slice(document.start, document.end).split('\n'));
    return directed.locate(pointer, document.row);
  };
}
