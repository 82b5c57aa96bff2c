// The full parser: `yaml` with kubectl's scalar rules, every error reported. It keeps the nodes, so positions
// are computed only when asked for. yaml-documents.ts calls it for what the fast reader does not read.
import { LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Position } from '../model.ts';
import { kubectlTags } from './kubectl-scalars.ts';
import { duplicateKeys, nodeAt, type KeyIndex } from './yaml-nodes.ts';

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

export interface FullParse {
  documents: ParsedDocument[];
  problems: YamlProblem[];
}

/** Aliases multiply work in toJS; real manifests use a handful. Beyond this it is a bomb. */
const MAX_ALIAS_COUNT = 1000;

/** `text` parsed by `yaml`; it starts at 0-based line `firstRow` of its file, and every line says so. */
export function parseFull(text: string, firstRow = 0): FullParse {
  const lineCounter = new LineCounter();
  const problems: YamlProblem[] = [];
  const documents: ParsedDocument[] = [];
  let parsed: Document.Parsed[];
  try {
    // `uniqueKeys` is off because `yaml` compares each key with every earlier one (quadratic in the width of a
    // mapping); `duplicateKeys` does the same check with one set per mapping.
    parsed = parseAllDocuments(text, { version: '1.1', customTags: kubectlTags, uniqueKeys: false, lineCounter, prettyErrors: false }) as Document.Parsed[];
  } catch (error) {
    return { documents, problems: [{ message: firstLine((error as Error).message) }] };
  }
  if (!Array.isArray(parsed)) parsed = [parsed];
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + firstRow, column: col };
  };
  const problem = (message: string, offset: number) => {
    const at = position(offset);
    problems.push({ message: firstLine(message), line: at.line, column: at.column });
  };
  for (const doc of parsed) {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) problem(error.message, error.pos[0]);
      continue;
    }
    if (doc.contents === null) continue;
    const duplicates = duplicateKeys(doc.contents);
    if (duplicates.length > 0) {
      for (const duplicate of duplicates) problem(`Map keys must be unique: ${JSON.stringify(duplicate.key)} is repeated`, duplicate.offset);
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (error) {
      problem((error as Error).message, doc.contents.range?.[0] ?? 0);
      continue;
    }
    // An empty document (between two separators, or only comments) holds nothing, as kubectl sees it.
    if (value === null || value === undefined) continue;
    const contents = doc.contents;
    const start = contents.range?.[0] ?? 0;
    // Built on the first lookup: most resources never have a finding, so most mappings are never indexed.
    const index: KeyIndex = new Map();
    documents.push({
      value,
      line: position(start).line,
      locate: (ptr) => {
        const node = nodeAt(contents, ptr, index);
        return node?.range ? position(node.range[0]) : undefined;
      },
    });
  }
  return { documents, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.trim();
}
