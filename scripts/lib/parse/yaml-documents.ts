// Parses YAML the way kubectl reads it. The fast reader (fast-yaml.ts) reads the block YAML that kustomize
// and people write; any document it does not read, and any text it does not read at all, goes to the `yaml`
// package (yaml-full.ts), which also reports every error. Positions are computed only for a document that is
// asked for one (most resources never have a finding), by the fast reader again, or by `yaml` where only it
// can tell.
import { fastLocator, readFast, type FastDocument } from './fast-yaml.ts';
import { parseFull, type FullParse, type ParsedDocument } from './yaml-full.ts';

export type { ParsedDocument, YamlProblem } from './yaml-full.ts';
export type ParsedFile = FullParse;

/**
 * What the fast reader handed to `yaml`, for the tests and the benchmark that explain the rate: documents,
 * whole texts, and documents whose positions only `yaml` could give.
 */
export const fallbackCount = { documents: 0, texts: 0, positions: 0 };

export function parseYamlDocuments(text: string): ParsedFile {
  const fast = readFast(text);
  if (!fast) {
    fallbackCount.texts++;
    return parseFull(text);
  }
  const documents: ParsedDocument[] = [];
  for (const document of fast) {
    if (document.value !== undefined) {
      documents.push({ value: document.value, line: document.line, locate: lazyLocate(text, document) });
      continue;
    }
    fallbackCount.documents++;
    // A document that is the whole text (one document, no `---` before it) is parsed as the whole text, and
    // that parse serves below too: a broken one-document file costs one `yaml` parse, not two.
    const whole = document.start === 0 && document.end === text.length;
    const full = whole ? parseFull(text) : parseSlice(text, document);
    // An error is reported as a parse of the whole text reports it, whatever the document around it.
    if (!full || full.problems.length > 0 || full.documents.length > 1) {
      fallbackCount.texts++;
      return whole && full ? full : parseFull(text);
    }
    for (const parsed of full.documents) documents.push(parsed);
  }
  return { documents, problems: [] };
}

/** One document's text, parsed alone by `yaml`, with lines counted from the start of the whole text. */
function parseSlice(text: string, document: FastDocument): FullParse | undefined {
  const parsed = parseFull(text.slice(document.start, document.end), document.row);
  return parsed.documents.length <= 1 ? parsed : undefined;
}

/** `locate` for a document the fast reader read; `yaml` parses its text only if the fast notes cannot say. */
function lazyLocate(text: string, document: FastDocument): ParsedDocument['locate'] {
  const fast = fastLocator(text, document);
  let full: ParsedDocument | null | undefined;
  return (pointer) => {
    const position = fast(pointer);
    if (position !== 'unknown') return position;
    if (full === undefined) {
      fallbackCount.positions++;
      full = parseSlice(text, document)?.documents[0] ?? null;
    }
    return full?.locate(pointer);
  };
}
