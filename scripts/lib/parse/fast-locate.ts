// Positions along a pointer, without reading the document again: a finding names a few fields of a resource,
// and reading every value of it again to note where each starts costs far more than following the pointer.
// Each block mapping or sequence on the way is scanned once, by indentation only (the document was read
// whole by the fast reader, so its structure is known to be plain block YAML), into its keys or items; the
// next pointer through it looks them up. Where it meets a flow collection it reads that one line with notes
// (fast-positions.ts), and `undefined` leaves a pointer to the full reading.
import { pointerSegments, type Position } from '../model.ts';
import { mappingKey, startsMappingEntry } from './fast-block.ts';
import { indentOf, isBlank, isMarker, isSequenceEntry } from './fast-lines.ts';
import { PositionNotes } from './fast-positions.ts';
import { flowCollection } from './fast-scalars.ts';
import { walkSteps } from './yaml-nodes.ts';

/** Where a node starts (0-based row and column), and what it is. */
type Node = { kind: 'mapping' | 'sequence' | 'flow'; row: number; column: number } | { kind: 'scalar' } | { kind: 'null' };
type At = readonly [row: number, column: number] | undefined;

interface Entry {
  at: At;
  node: () => Node;
}

export class DirectedLocator {
  private readonly containers = new Map<string, Map<string, Entry> | Entry[]>();
  /** Per row: its indentation, or -1 for a blank or comment-only line. */
  private readonly indents: Int32Array;
  /** Per content row: the next content row indented no deeper (where the node started on it ends). */
  private readonly ends: Int32Array;

  constructor(private readonly lines: readonly string[]) {
    const count = lines.length;
    this.indents = new Int32Array(count);
    this.ends = new Int32Array(count).fill(count);
    const open: number[] = [];
    for (let row = 0; row < count; row++) {
      const line = lines[row]!;
      const indent = isBlank(line) ? -1 : indentOf(line);
      this.indents[row] = indent;
      if (indent === -1) continue;
      while (open.length > 0 && this.indents[open[open.length - 1]!]! >= indent) this.ends[open.pop()!] = row;
      open.push(row);
    }
  }

  /** The position PositionNotes.locate gives for `ptr`, 'unknown' where only `yaml` can tell. */
  locate(ptr: string, firstRow: number): Position | 'unknown' {
    return this.follow(ptr, firstRow);
  }

  private follow(ptr: string, firstRow: number): Position | 'unknown' {
    const row = this.skipBlank(0);
    const first = this.lines[row];
    if (first === undefined) return 'unknown';
    const rootColumn = indentOf(first);
    let shown: At = [row, rootColumn];
    let current: Node = isSequenceEntry(first, rootColumn) ? { kind: 'sequence', row, column: rootColumn } : { kind: 'mapping', row, column: rootColumn };
    const segments = pointerSegments(ptr);
    for (const [i, segment] of segments.entries()) {
      walkSteps.count++;
      if (current.kind === 'scalar' || current.kind === 'null') break;
      if (current.kind === 'flow') return this.inFlow(current, shown, segments.slice(i), firstRow);
      let entry: Entry | undefined;
      if (current.kind === 'sequence') {
        if (!/^\d+$/.test(segment)) break;
        entry = this.items(current.row, current.column)[Number(segment)];
      } else entry = this.keys(current.row, current.column).get(segment);
      if (!entry) break;
      shown = entry.at;
      if (!shown) return 'unknown';
      current = entry.node();
    }
    if (!shown) return 'unknown';
    return { line: shown[0] + firstRow + 1, column: shown[1] + 1 };
  }

  private skipBlank(from: number): number {
    let row = from;
    while (row < this.lines.length && this.indents[row] === -1) row++;
    return row;
  }

  /**
   * The first content row after the value of the key or item on `row` at `column`; `sameColumnEntries`: the
   * value may be a sequence at the key's own column.
   */
  private pastValue(row: number, column: number, sameColumnEntries: boolean): number {
    let next: number;
    if (this.indents[row] === column) next = this.ends[row]!;
    else {
      // The first key of a mapping that starts after `- `: its value's lines are indented past the key.
      next = row + 1;
      while (next < this.lines.length && (this.indents[next] === -1 || this.indents[next]! > column)) next++;
    }
    while (sameColumnEntries && next < this.lines.length && this.indents[next] === column && isSequenceEntry(this.lines[next]!, column)) next = this.ends[next]!;
    return next;
  }

  /** A block node after a line, as BlockReader.node(parent) reads it. */
  private blockNode(from: number, parent: number): Node {
    const row = this.skipBlank(from);
    const line = this.lines[row];
    if (line === undefined || isMarker(line)) return { kind: 'null' };
    const indent = indentOf(line);
    if (indent <= parent) return { kind: 'null' };
    return { kind: isSequenceEntry(line, indent) ? 'sequence' : 'mapping', row, column: indent };
  }

  /** The value that starts on `line` at `at`: a flow collection or a scalar (block scalars included). */
  private static inlineNode(line: string, row: number, at: number): Node {
    return line[at] === '[' || line[at] === '{' ? { kind: 'flow', row, column: at } : { kind: 'scalar' };
  }

  /** The keys of the block mapping whose first key is at (row, column), scanned on the first call. */
  private keys(first: number, column: number): Map<string, Entry> {
    const id = `m${first}:${column}`;
    const known = this.containers.get(id);
    if (known instanceof Map) return known;
    const keys = new Map<string, Entry>();
    for (let row = first; row < this.lines.length; ) {
      const line = this.lines[row]!;
      if (isMarker(line) || (row !== first && (indentOf(line) !== column || isSequenceEntry(line, column)))) break;
      const [key, afterColon] = mappingKey(line, column);
      let at = afterColon;
      while (line.charCodeAt(at) === 0x20) at++;
      const onNextLines = at >= line.length || line[at] === '#';
      const keyRow = row;
      const node = onNextLines
        ? () => {
            const next = this.skipBlank(keyRow + 1);
            const text = this.lines[next];
            // A sequence may sit at the same column as its key.
            if (text !== undefined && !isMarker(text) && indentOf(text) === column && isSequenceEntry(text, column)) return { kind: 'sequence', row: next, column } as const;
            return this.blockNode(keyRow + 1, column);
          }
        : () => DirectedLocator.inlineNode(line, keyRow, at);
      // `yaml` indexes a null key as "null" while the value names it "": such a key is left to `yaml`.
      if (!keys.has(key)) keys.set(key, { at: key === '' ? undefined : [row, column], node });
      walkSteps.count++;
      row = this.pastValue(row, column, onNextLines);
    }
    this.containers.set(id, keys);
    return keys;
  }

  /** The items of the block sequence whose first entry is at (row, column), scanned on the first call. */
  private items(first: number, column: number): Entry[] {
    const id = `s${first}:${column}`;
    const known = this.containers.get(id);
    if (Array.isArray(known)) return known;
    const items: Entry[] = [];
    for (let row = first; row < this.lines.length; ) {
      const line = this.lines[row]!;
      if (isMarker(line) || indentOf(line) !== column || !isSequenceEntry(line, column)) break;
      let at = column + 1;
      while (line.charCodeAt(at) === 0x20) at++;
      if (at >= line.length || line[at] === '#') {
        // The item starts on a later line; `yaml` places an empty one where only it knows.
        const node = this.blockNode(row + 1, column);
        items.push({ at: node.kind === 'mapping' || node.kind === 'sequence' ? [node.row, node.column] : undefined, node: () => node });
      } else {
        const itemRow = row;
        const node = (): Node => (startsMappingEntry(line, at) ? { kind: 'mapping', row: itemRow, column: at } : DirectedLocator.inlineNode(line, itemRow, at));
        items.push({ at: [row, at], node });
      }
      walkSteps.count++;
      row = this.pastValue(row, column, false);
    }
    this.containers.set(id, items);
    return items;
  }

  /** A pointer that goes on inside a one-line flow collection: that line read with notes. */
  private inFlow(node: { row: number; column: number }, shown: At, rest: readonly string[], firstRow: number): Position | 'unknown' {
    const notes = new PositionNotes();
    const [value] = flowCollection(this.lines[node.row]!, node.column, { notes, row: node.row });
    return notes.locateSegments(value, shown, rest, firstRow);
  }
}
