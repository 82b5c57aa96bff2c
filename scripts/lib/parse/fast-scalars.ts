// Single-line pieces of the fast YAML reader: plain values, keys, quoted scalars and flow collections. Anything
// unusual throws `Unsupported`, and the caller hands the document to the `yaml` package instead.
import { quoted } from './fast-quoted.ts';
import type { PositionNotes } from './fast-positions.ts';
import { unsupported } from './fast-unsupported.ts';
import { resolvePlainScalar } from './kubectl-scalars.ts';
import { walkSteps } from './yaml-nodes.ts';

/** A quoted scalar that closes on the same line; returns the value and the index after the quote. */
export function quotedOnLine(line: string, start: number): [string, number] {
  const { value, end } = quoted([line], 0, start, 0);
  return [value, end];
}

/** After a complete value only spaces and a comment may follow. */
export function expectLineEnd(line: string, at: number): void {
  let i = at;
  while (line.charCodeAt(i) === 0x20) i++;
  if (i < line.length && !(line[i] === '#' && i > at)) unsupported();
}

/** A plain scalar resolved as kubectl does; NaN and infinities go to the full parser, which reports them. */
export function plainValue(text: string): unknown {
  const value = resolvePlainScalar(text);
  if (typeof value === 'number' && !Number.isFinite(value)) unsupported();
  return value;
}

/** The JS object key `yaml`'s toJS gives a resolved key: null is '', everything else its String(). */
export function keyText(value: unknown): string {
  const key = value === null ? '' : String(value);
  // A merge key or a key that would replace the prototype takes the full parser's careful path.
  if (key === '<<' || key === '__proto__') unsupported();
  return key;
}

export function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  walkSteps.count++;
  if (Object.prototype.hasOwnProperty.call(target, key)) unsupported(); // repeated: the full parser reports it
  target[key] = value;
}

const FLOW_PLAIN_END = /[,[\]{}]|: |:(?=[,[\]{}])|:$| #/g;

/** Where the keys and items of a flow collection on line `row` are noted, when positions are wanted. */
export interface FlowNotes {
  notes: PositionNotes;
  row: number;
}

/** A flow collection (`[a, b]`, `{k: v}`) that closes on the same line. */
export function flowCollection(line: string, start: number, track?: FlowNotes): [unknown, number] {
  const open = line[start];
  const close = open === '[' ? ']' : '}';
  const result: unknown[] | Record<string, unknown> = open === '[' ? [] : {};
  let i = skipSpaces(line, start + 1);
  if (line[i] === close) return [result, i + 1];
  for (;;) {
    const nodeStart = i;
    let key: unknown;
    [key, i] = flowNode(line, i, track);
    i = skipSpaces(line, i);
    if (Array.isArray(result)) {
      if (line[i] === ':') unsupported(); // a single-pair mapping inside a sequence
      track?.notes.item(result, result.length, [track.row, nodeStart]);
      result.push(key);
    } else {
      if (line[i] !== ':' || typeof key === 'object') unsupported(); // `{a}` or a collection key
      let value: unknown;
      [value, i] = flowNode(line, skipSpaces(line, i + 1), track);
      track?.notes.key(result, keyText(key), track.row, nodeStart);
      setKey(result, keyText(key), value);
      i = skipSpaces(line, i);
    }
    if (line[i] === close) return [result, i + 1];
    if (line[i] !== ',') unsupported();
    i = skipSpaces(line, i + 1);
    if (line[i] === close) return [result, i + 1];
  }
}

function flowNode(line: string, start: number, track: FlowNotes | undefined): [unknown, number] {
  const c = line[start];
  if (c === '[' || c === '{') return flowCollection(line, start, track);
  if (c === '"' || c === "'") return quotedOnLine(line, start);
  // `-1` is a plain scalar; a lone `-`, `?` or `:` is an indicator.
  const dashedPlain = c === '-' && line[start + 1] !== undefined && !' ,[]{}'.includes(line[start + 1]!);
  if (c === undefined || (!dashedPlain && '-?:,]}#&*!|>%@`'.includes(c))) unsupported();
  FLOW_PLAIN_END.lastIndex = start;
  const end = FLOW_PLAIN_END.exec(line)?.index ?? line.length;
  const text = line.slice(start, end).trimEnd();
  if (text === '') unsupported();
  return [plainValue(text), start + text.length];
}

function skipSpaces(line: string, at: number): number {
  let i = at;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}
