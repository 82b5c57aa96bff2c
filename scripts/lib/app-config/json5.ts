// JSON5 (OpenClaw's config format: comments, trailing commas, unquoted keys, single quotes) parsed with
// the line and column of every value, so a finding can point into the embedded file. JSON is a subset.

export interface TextPosition {
  line: number;
  column: number;
}

export interface ParsedConfig {
  value: unknown;
  /** JSON pointer → where the value (or, for an object member, its key) starts. */
  positions: Map<string, TextPosition>;
}

export class ConfigSyntaxError extends Error {
  constructor(message: string, readonly position: TextPosition) {
    super(`${message} at line ${position.line}, column ${position.column}`);
  }
}

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /[+-]?(?:0[xX][0-9a-fA-F]+|Infinity|NaN|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/y;
const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };
const MAX_DEPTH = 256;

export function parseJson5(text: string): ParsedConfig {
  const positions = new Map<string, TextPosition>();
  let index = 0;
  // Line starts once, then a binary search per position: linear in the text, however many values.
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const at = (offset = index): TextPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const fail = (message: string): never => {
    throw new ConfigSyntaxError(message, at());
  };
  const skip = () => {
    for (;;) {
      const rest = text.slice(index, index + 2);
      if (/^\s/.test(text[index] ?? '') || text[index] === '\ufeff') index++;
      else if (rest === '//') index = text.indexOf('\n', index) === -1 ? text.length : text.indexOf('\n', index);
      else if (rest === '/*') {
        const end = text.indexOf('*/', index + 2);
        if (end === -1) fail('unterminated comment');
        index = end + 2;
      } else return;
    }
  };
  const string = (): string => {
    const quote = text[index++];
    let out = '';
    while (index < text.length && text[index] !== quote) {
      let char = text[index++]!;
      if (char === '\n') fail('line break in a string');
      if (char === '\\') {
        char = text[index++] ?? '';
        if (char === 'u') {
          out += String.fromCharCode(parseInt(text.slice(index, index + 4), 16));
          index += 4;
        } else if (char === 'x') {
          out += String.fromCharCode(parseInt(text.slice(index, index + 2), 16));
          index += 2;
        } else if (char === '\n') continue;
        else out += ESCAPES[char] ?? char;
      } else out += char;
    }
    if (text[index] !== quote) fail('unterminated string');
    index++;
    return out;
  };
  const sticky = (pattern: RegExp): string | undefined => {
    pattern.lastIndex = index;
    const match = pattern.exec(text);
    if (!match) return undefined;
    index += match[0].length;
    return match[0];
  };
  const value = (pointer: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) fail('nested too deeply');
    skip();
    positions.set(pointer, at());
    const char = text[index];
    if (char === '{') {
      index++;
      const object: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (text[index] === '}') return (index++, object);
        const keyStart = index;
        const key = text[index] === '"' || text[index] === "'" ? string() : (sticky(IDENTIFIER) ?? fail('expected a key'));
        const memberPointer = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        if (Object.prototype.hasOwnProperty.call(object, key)) (index = keyStart), fail(`duplicate key "${key}"`);
        skip();
        if (text[index++] !== ':') (index--, fail(`expected ':' after "${key}"`));
        object[key] = value(memberPointer, depth + 1);
        positions.set(memberPointer, at(keyStart));
        skip();
        if (text[index] === ',') index++;
        else if (text[index] !== '}') fail("expected ',' or '}'");
      }
    }
    if (char === '[') {
      index++;
      const array: unknown[] = [];
      for (;;) {
        skip();
        if (text[index] === ']') return (index++, array);
        array.push(value(`${pointer}/${array.length}`, depth + 1));
        skip();
        if (text[index] === ',') index++;
        else if (text[index] !== ']') fail("expected ',' or ']'");
      }
    }
    if (char === '"' || char === "'") return string();
    const word = sticky(/true|false|null/y);
    if (word !== undefined) return word === 'true' ? true : word === 'false' ? false : null;
    const number = sticky(NUMBER);
    if (number !== undefined) return Number(number.replace(/^\+/, ''));
    return fail(index >= text.length ? 'unexpected end of input' : `unexpected character ${JSON.stringify(char)}`);
  };
  const result = value('', 0);
  skip();
  if (index < text.length) fail('unexpected text after the value');
  return { value: result, positions };
}
