// Reads one kustomization file the way kustomize does, or refuses it: every local path it names, with
// the line that names it. What this reader cannot read exactly as kustomize would is a problem, never
// a guess, because a path it missed would be a path nobody checked.
import { LineCounter, isPair, isScalar, parseAllDocuments, visit, type Document } from 'yaml';
import { pointer } from '../model.ts';
import { CODE_RUNNING_FIELDS, GENERATOR_FIELDS, KUSTOMIZATION_FIELDS, PATCH_FIELDS, REPLACEMENT_FIELDS } from './fields.ts';

/** How kustomize uses a path: a kustomization or resource file, a file it reads, or a patch that may be inline. */
export type ReferenceKind = 'target' | 'file' | 'file-or-directory' | 'file-or-inline';

export interface KustomizationReference {
  /** Where it is named, e.g. `resources[2]` or `patches[0].path`. */
  field: string;
  /** The same place as a JSON pointer: `/resources/2`, `/patches/0/path`. */
  pointer: string;
  value: string;
  kind: ReferenceKind;
  line?: number;
}

export interface KustomizationProblem {
  message: string;
  fix: string;
  line?: number;
}

export interface ReadKustomization {
  references: KustomizationReference[];
  problems: KustomizationProblem[];
  /** The file's `kind` (`Kustomization`, or `Component` for a kustomize Component), when it says one. */
  kind?: string;
}

/** Real kustomization files are a few kilobytes. */
export const MAX_KUSTOMIZATION_BYTES = 1024 * 1024;
/** Anchors are rare in kustomizations; many aliases only serve to hide or multiply content. */
export const MAX_KUSTOMIZATION_ALIASES = 16;

const REWRITE = 'Write the kustomization as one plain YAML document with kustomize’s field names, spelled exactly.';

/** The refusal of a kustomization file of `size` bytes, over the bound. */
export function oversizedKustomization(size: number): ReadKustomization {
  return {
    references: [],
    problems: [{ message: `is ${size} bytes, over the ${MAX_KUSTOMIZATION_BYTES}-byte limit for a kustomization file`, fix: 'Move resources out of the kustomization into files it lists.' }],
  };
}

export function readKustomization(bytes: Uint8Array): ReadKustomization {
  const refuse = (message: string, line?: number, fix = REWRITE): ReadKustomization => ({ references: [], problems: [{ message, fix, line }] });
  if (bytes.length > MAX_KUSTOMIZATION_BYTES) return oversizedKustomization(bytes.length);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return refuse('is not valid UTF-8');
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { version: '1.1', uniqueKeys: true, lineCounter, prettyErrors: false });
  if (!Array.isArray(documents)) return { references: [], problems: [] }; // an empty file: kustomize reports it
  const lineAt = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  if (documents.length > 1) return refuse(`holds ${documents.length} YAML documents; kustomize reads a kustomization as one`, lineAt(documents[1]!.range[0]));
  const document = documents[0]!;
  const error = document.errors[0] ?? document.warnings[0];
  if (error) return refuse(`is not YAML kustomize reads the same way: ${error.message.split('\n')[0]}`, lineAt(error.pos[0]));
  const structural = structuralProblem(document, lineAt);
  if (structural) return { references: [], problems: [structural] };
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (failure) {
    return refuse(`cannot be read: ${(failure as Error).message}`);
  }
  if (value === null || value === undefined) return { references: [], problems: [] };
  if (!isObject(value)) return refuse('is not a mapping of kustomization fields');
  return new Fields(document, lineAt).read(value);
}

/** Aliases beyond a few, and `<<` merge keys, which YAML readers disagree on. */
function structuralProblem(document: Document.Parsed, lineAt: (offset: number | undefined) => number | undefined): KustomizationProblem | undefined {
  let aliases = 0;
  let problem: KustomizationProblem | undefined;
  visit(document, {
    Alias(_key, node) {
      aliases += 1;
      if (aliases > MAX_KUSTOMIZATION_ALIASES && !problem) {
        problem = { message: `uses more than ${MAX_KUSTOMIZATION_ALIASES} YAML aliases`, fix: 'Write the values out instead of repeating them through anchors and aliases.', line: lineAt(node.range?.[0]) };
        return visit.BREAK;
      }
      return undefined;
    },
    Pair(_key, pair) {
      // YAML 1.1 turns a plain `<<` key into a merge marker (a symbol); a quoted one stays a string.
      if (isPair(pair) && isScalar(pair.key) && (pair.key.source === '<<' || pair.key.value === '<<' || typeof pair.key.value === 'symbol')) {
        problem = { message: 'uses a `<<` merge key', fix: 'Write the merged fields out.', line: lineAt(pair.key.range?.[0]) };
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return problem;
}

class Fields {
  private readonly references: KustomizationReference[] = [];
  private readonly problems: KustomizationProblem[] = [];

  constructor(
    private readonly document: Document.Parsed,
    private readonly lineAt: (offset: number | undefined) => number | undefined,
  ) {}

  read(kustomization: Record<string, unknown>): ReadKustomization {
    for (const [key, value] of Object.entries(kustomization)) {
      if (!KUSTOMIZATION_FIELDS.has(key)) {
        const known = [...KUSTOMIZATION_FIELDS].find((field) => field.toLowerCase() === key.toLowerCase());
        this.problem([key], `has the field ${JSON.stringify(key)}, which is not a kustomize field${known ? ` as spelled (kustomize would read it as ${JSON.stringify(known)})` : ''}`, known ? `Spell it ${known}.` : 'Remove it, or spell a kustomize field exactly.');
        continue;
      }
      const why = CODE_RUNNING_FIELDS.get(key);
      if (why && !isEmpty(value)) {
        this.problem([key], `uses ${key}, which ${why}; such overlays are not rendered here`, `Render it to plain manifests and commit those, or drop ${key}.`);
        continue;
      }
      this.field(key, value);
    }
    const kind = typeof kustomization.kind === 'string' ? { kind: kustomization.kind } : {};
    return { references: this.references, problems: this.problems, ...kind };
  }

  private field(key: string, value: unknown): void {
    switch (key) {
      case 'resources':
      case 'bases':
      case 'components':
        return this.strings(key, value, 'target');
      case 'crds':
      case 'configurations':
        return this.strings(key, value, 'file');
      case 'patchesStrategicMerge':
        return this.strings(key, value, 'file-or-inline');
      case 'patches':
      case 'patchesJson6902':
        return this.entries(key, value, PATCH_FIELDS, (entry, path) => this.optionalPath(entry.path, [...path, 'path'], 'file'));
      case 'replacements':
        return this.entries(key, value, REPLACEMENT_FIELDS, (entry, path) => this.optionalPath(entry.path, [...path, 'path'], 'file'));
      case 'configMapGenerator':
      case 'secretGenerator':
        return this.entries(key, value, GENERATOR_FIELDS, (entry, path) => {
          this.strings(path, entry.files, 'file-or-directory', 'files', (file) => file.slice(file.indexOf('=') + 1));
          this.strings(path, entry.envs, 'file', 'envs');
          this.optionalPath(entry.env, [...path, 'env'], 'file');
        });
      case 'openapi':
        if (value === null || value === undefined) return;
        if (!isObject(value) || Object.values(value).some((item) => typeof item !== 'string')) return this.problem([key], 'has an openapi field that is not a map of strings', 'Give openapi: {path: file.json} or {version: …}.');
        return this.optionalPath(value.path, [key, 'path'], 'file');
      default:
        return undefined;
    }
  }

  /** A list of strings, each a path (or `key=path` for generator files, unwrapped by `pathOf`). */
  private strings(at: string | (string | number)[], value: unknown, kind: ReferenceKind, child?: string, pathOf = (entry: string) => entry): void {
    const path = [...(typeof at === 'string' ? [at] : at), ...(child ? [child] : [])];
    if (value === null || value === undefined) return;
    if (!Array.isArray(value)) return this.problem(path, `has ${label(path)} that is not a list`, `Write ${label(path)} as a YAML list of paths.`);
    value.forEach((entry, index) => {
      if (typeof entry !== 'string') return this.problem([...path, index], `has ${label([...path, index])} that is not a string`, 'Quote the path.');
      this.references.push({ field: label([...path, index]), pointer: pointer(...path, index), value: pathOf(entry), kind, line: this.line([...path, index]) });
    });
  }

  private optionalPath(value: unknown, path: (string | number)[], kind: ReferenceKind): void {
    if (value === null || value === undefined) return;
    if (typeof value !== 'string') return this.problem(path, `has ${label(path)} that is not a string`, 'Quote the path.');
    this.references.push({ field: label(path), pointer: pointer(...path), value, kind, line: this.line(path) });
  }

  /** A list of mappings whose keys must all be kustomize's, spelled exactly. */
  private entries(key: string, value: unknown, allowed: ReadonlySet<string>, read: (entry: Record<string, unknown>, path: (string | number)[]) => void): void {
    if (value === null || value === undefined) return;
    if (!Array.isArray(value)) return this.problem([key], `has ${key} that is not a list`, `Write ${key} as a YAML list.`);
    value.forEach((entry, index) => {
      if (!isObject(entry)) return this.problem([key, index], `has ${key}[${index}] that is not a mapping`, `Write each ${key} entry as a mapping.`);
      const unknown = Object.keys(entry).find((field) => !allowed.has(field));
      if (unknown !== undefined) {
        return this.problem([key, index], `has ${key}[${index}] with the field ${JSON.stringify(unknown)}, which kustomize does not spell that way or does not know`, `Use only ${[...allowed].join(', ')}.`);
      }
      read(entry, [key, index]);
    });
  }

  private problem(path: (string | number)[], message: string, fix: string): void {
    this.problems.push({ message, fix, line: this.line(path) });
  }

  private line(path: (string | number)[]): number | undefined {
    const node = this.document.getIn(path, true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return this.lineAt(node.range[0]);
    // A key without a usable value node: the line of the mapping that holds it.
    const parent = this.document.getIn(path.slice(0, -1), true) as { range?: [number, number, number] } | undefined;
    return this.lineAt(parent?.range?.[0]);
  }
}

function label(path: readonly (string | number)[]): string {
  return path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : index === 0 ? segment : `.${segment}`)).join('');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || (Array.isArray(value) && value.length === 0) || (isObject(value) && Object.keys(value).length === 0);
}

