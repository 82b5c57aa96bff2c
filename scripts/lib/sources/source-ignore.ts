// What Flux's source-controller leaves out of a GitRepository's artifact: the paths the repository's
// .sourceignore files exclude. Flux reads a .sourceignore in any directory, in gitignore syntax, its patterns
// relative to that directory; a deeper file's patterns are applied after (and so override) a shallower one's,
// and within a file the last pattern that matches wins. Nothing in an excluded directory can be taken back.
import { posix } from 'node:path';
import { readFileInside } from '../repository-file.ts';
import { MAX_SOURCEIGNORE_BYTES } from '../repository-files.ts';

interface Pattern {
  regex: RegExp;
  negated: boolean;
  /** `name/`: matches directories only. */
  directoryOnly: boolean;
}

/** Compiles one gitignore line; undefined for blanks and comments. */
export function compileIgnorePattern(line: string): Pattern | undefined {
  let text = line.replace(/(?<!\\)\s+$/, '');
  if (text === '' || text.startsWith('#')) return undefined;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  const directoryOnly = text.endsWith('/');
  text = text.replace(/\/+$/, '');
  // A slash at the start or in the middle anchors the pattern to the file's directory; else it matches at any depth.
  const anchored = text.includes('/');
  text = text.replace(/^\//, '');
  if (text === '') return undefined;
  let body = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (text.startsWith('**/', i)) {
      body += '(?:.*/)?';
      i += 2;
    } else if (text.startsWith('/**', i) && i + 3 === text.length) {
      body += '/.*';
      i += 2;
    } else if (char === '*') body += '[^/]*';
    else if (char === '?') body += '[^/]';
    else if (char === '\\' && i + 1 < text.length) body += escape(text[++i]!);
    else body += escape(char);
  }
  return { regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`), negated, directoryOnly };
}

const escape = (char: string) => char.replace(/[.+^${}()|[\]\\]/g, '\\$&');

function compileIgnoreText(text: string): Pattern[] {
  return text.split('\n').flatMap((line) => compileIgnorePattern(line) ?? []);
}

/** Whether the last of `patterns` that matches excludes (true) or takes back (false); undefined when none matches. */
function lastMatch(patterns: readonly Pattern[], relative: string, isDirectory: boolean): boolean | undefined {
  let excluded: boolean | undefined;
  for (const pattern of patterns) {
    if (pattern.directoryOnly && !isDirectory) continue;
    if (pattern.regex.test(relative)) excluded = !pattern.negated;
  }
  return excluded;
}

/** The text of the .sourceignore of a repository-relative directory, if it has one. */
export type SourceIgnoreText = (dir: string) => string | undefined;

/**
 * The .sourceignore files of one repository, each read once: from the disk (bounded, and only inside the
 * repository) by default, or from the repository's listing (`textOf`) where a rule asks.
 */
export class SourceIgnores {
  readonly #patterns = new Map<string, Pattern[]>();
  readonly #textOf: SourceIgnoreText;
  readonly #last: Pattern[];
  /** `last`: patterns applied after every file's, relative to the root (a GitRepository's spec.ignore). */
  constructor(
    readonly root: string,
    textOf?: SourceIgnoreText,
    last = '',
  ) {
    this.#textOf = textOf ?? ((dir) => readFileInside(root, posix.join(dir, '.sourceignore'), MAX_SOURCEIGNORE_BYTES));
    this.#last = compileIgnoreText(last);
  }

  /** The .sourceignore that decides `excludesAnyOf(path)`, for a message: the deepest file with a pattern that excludes. */
  excludedBy(path: string, isDirectory: boolean): string | undefined {
    const segments = path.split('/');
    for (let index = 0; index < segments.length; index++) {
      const prefix = segments.slice(0, index + 1).join('/');
      const prefixIsDirectory = index < segments.length - 1 || isDirectory;
      if (!this.excludes(prefix, prefixIsDirectory)) continue;
      // The file whose patterns decided: the deepest directory above the prefix with a matching pattern.
      for (let depth = index; depth >= 0; depth--) {
        const dir = depth === 0 ? '.' : segments.slice(0, depth).join('/');
        const relative = segments.slice(depth, index + 1).join('/');
        if (this.#patternsOf(dir).some((p) => !p.negated && (!p.directoryOnly || prefixIsDirectory) && p.regex.test(relative))) {
          return dir === '.' ? '.sourceignore' : `${dir}/.sourceignore`;
        }
      }
    }
    return undefined;
  }

  /**
   * True when a .sourceignore excludes `path` (repository-relative, '/'-separated), judging the path itself
   * with the patterns of every directory above it. A walk that does not enter excluded directories need not
   * ask about their contents; `excludesAnyOf` asks about every directory on the way.
   */
  excludes(path: string, isDirectory: boolean): boolean {
    let excluded = false;
    const segments = path.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      const dir = depth === 0 ? '.' : segments.slice(0, depth).join('/');
      const relative = segments.slice(depth).join('/');
      excluded = lastMatch(this.#patternsOf(dir), relative, isDirectory) ?? excluded;
    }
    return lastMatch(this.#last, path, isDirectory) ?? excluded;
  }

  /** True when `path` or a directory above it is excluded: Flux's artifact then has none of it. */
  excludesAnyOf(path: string, isDirectory: boolean): boolean {
    const segments = path.split('/');
    return segments.some((_, index) => this.excludes(segments.slice(0, index + 1).join('/'), index < segments.length - 1 || isDirectory));
  }

  #patternsOf(dir: string): Pattern[] {
    let patterns = this.#patterns.get(dir);
    if (patterns === undefined) {
      patterns = compileIgnoreText(this.#textOf(dir) ?? '');
      this.#patterns.set(dir, patterns);
    }
    return patterns;
  }
}
