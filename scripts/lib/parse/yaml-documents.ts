// Parses YAML the way Kubernetes reads it (YAML 1.1, unique keys) and keeps nodes for line lookups.
import { LineCounter, isMap, isSeq, isScalar, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Position } from '../model.ts';
import { pointerSegments } from '../model.ts';

export interface ParsedDocument {
  /** The plain value; empty documents are left out. */
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  locate(pointer: string): Position | undefined;
}

export interface YamlProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface ParsedFile {
  documents: ParsedDocument[];
  problems: YamlProblem[];
}

/** Aliases multiply work in toJS; real manifests use a handful. Beyond this it is a bomb. */
const MAX_ALIAS_COUNT = 1000;

export function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  return sample.includes(0);
}

export function parseYamlDocuments(text: string): ParsedFile {
  const lineCounter = new LineCounter();
  const problems: YamlProblem[] = [];
  const documents: ParsedDocument[] = [];
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, lineCounter, prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    return { documents, problems: [{ message: (error as Error).message }] };
  }
  if (!Array.isArray(parsed)) parsed = [parsed];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  for (const doc of parsed) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const at = position(error.pos[0]);
        problems.push({ message: firstLine(error.message), line: at.line, column: at.column });
      }
      continue;
    }
    if (doc.contents === null) continue;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      const at = position(doc.contents.range?.[0] ?? 0);
      problems.push({ message: firstLine((error as Error).message), line: at.line, column: at.column });
      continue;
    }
    // An empty document (between two separators, or only comments) holds nothing, as kubectl sees it.
    if (value === null || value === undefined) continue;
    const start = doc.contents.range?.[0] ?? 0;
    documents.push({
      value,
      line: position(start).line,
      locate: (ptr) => {
        const node = nodeAt(doc.contents as Node, pointerSegments(ptr));
        return node?.range ? position(node.range[0]) : undefined;
      },
    });
  }
  return { documents, problems };
}

/** The deepest node on the pointer's path: a field a patch added points at its nearest parent. */
function nodeAt(root: Node, segments: readonly string[]): Node | undefined {
  let current: Node = root;
  // Where the walk stops is shown at the key that leads there: the line a reader looks for.
  let shown: Node = root;
  for (const segment of segments) {
    let next: Node | undefined;
    if (isMap(current)) {
      const pair = current.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      shown = pair.key as Node;
      next = (pair.value as Node | null) ?? undefined;
    } else if (isSeq(current) && /^\d+$/.test(segment)) {
      next = current.items[Number(segment)] as Node | undefined;
      if (next) shown = next;
    }
    if (!next) break;
    current = next;
  }
  return shown;
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
