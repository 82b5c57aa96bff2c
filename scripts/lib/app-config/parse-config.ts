// An application's config file as text (a ConfigMap key) to a value with positions, per declared format.
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { ConfigSyntaxError, parseJson5, type ParsedConfig, type TextPosition } from './json5.ts';

export type ConfigFormat = 'json' | 'json5' | 'yaml';
export const CONFIG_FORMATS: readonly ConfigFormat[] = ['json', 'json5', 'yaml'];

export { ConfigSyntaxError, type ParsedConfig, type TextPosition };

/** JSON is read as JSON5 (a superset) but must not use what only JSON5 allows; YAML with the `yaml` package. */
export function parseConfigText(text: string, format: ConfigFormat): ParsedConfig {
  if (format === 'json') {
    try {
      JSON.parse(text);
    } catch (error) {
      const parsed = tryPositions(text);
      throw new ConfigSyntaxError(`not valid JSON (${(error as Error).message.split('\n')[0]})`, parsed ?? { line: 1, column: 1 });
    }
    return parseJson5(text);
  }
  if (format === 'json5') return parseJson5(text);
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true });
  const first = document.errors[0];
  if (first) {
    const position = lineCounter.linePos(first.pos[0]);
    throw new ConfigSyntaxError(first.message.split('\n')[0]!, { line: position.line, column: position.col });
  }
  const positions = new Map<string, TextPosition>();
  const walk = (node: Node | null | undefined, pointer: string) => {
    if (!node) return;
    if (node.range) {
      const position = lineCounter.linePos(node.range[0]);
      positions.set(pointer, { line: position.line, column: position.col });
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const child = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
        walk(pair.value as Node, child);
        if (isScalar(pair.key) && pair.key.range) {
          const position = lineCounter.linePos(pair.key.range[0]);
          positions.set(child, { line: position.line, column: position.col });
        }
      }
    } else if (isSeq(node)) node.items.forEach((item, index) => walk(item as Node, `${pointer}/${index}`));
  };
  walk(document.contents as Node, '');
  return { value: document.toJS(), positions };
}

function tryPositions(text: string): TextPosition | undefined {
  try {
    parseJson5(text);
    return undefined;
  } catch (error) {
    return error instanceof ConfigSyntaxError ? error.position : undefined;
  }
}
