// Layers read top-down: commands (scripts/*.ts) wire the rules into the pipeline; nothing under scripts/lib
// reaches up into scripts/rules, whatever the import looks like (multi-line, `export … from`, side-effect,
// dynamic `import()`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY } from './golden-run.ts';

const LIB = join(REPOSITORY, 'scripts', 'lib');
const RULES = join(REPOSITORY, 'scripts', 'rules');

/**
 * Known arrows that still run upward, each with why and what removes it. The test fails when one of them
 * disappears, so that the list never outlives the violation it excuses.
 */
const EXCEPTIONS: Readonly<Record<string, string>> = {
  // promote validates the overlay it would write with the repository's policies. The fix: promote's
  // command (scripts/promote.ts) passes the policy checks into promote() and on to validateOverlay(), which
  // then needs nothing from scripts/rules; that touches scripts/lib/release/promotion.ts and its tests.
  'scripts/lib/release/validate-overlay.ts -> scripts/rules/policies.ts': 'promote command to pass the policies in',
};

/** Every module specifier a TypeScript file imports or re-exports, statically or dynamically. */
function importedSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  // `from '…'` ends every static import and re-export however many lines its braces span; `import '…'`
  // is a side-effect import; `import('…')` a dynamic one.
  for (const match of text.matchAll(/\bfrom\s*(['"])([^'"\n]+)\1|\bimport\s*\(?\s*(['"])([^'"\n]+)\3/g)) {
    specifiers.push(match[2] ?? match[4]!);
  }
  return specifiers;
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const posix = (path: string) => relative(REPOSITORY, path).split(sep).join('/');

describe('layering', () => {
  it('finds imports of every shape', () => {
    const text = [
      "import {\n  a,\n  b,\n} from '../../rules/policies.ts';",
      "export { c } from \"../rules/x.ts\";",
      "import '../rules/side-effect.ts';",
      "const lazy = await import('../rules/lazy.ts');",
      "import type { D } from './local.ts';",
    ].join('\n');
    expect(importedSpecifiers(text)).toEqual(['../../rules/policies.ts', '../rules/x.ts', '../rules/side-effect.ts', '../rules/lazy.ts', './local.ts']);
  });

  it('nothing under scripts/lib imports from scripts/rules (except the named exceptions)', () => {
    const arrows = typescriptFiles(LIB).flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => target === RULES || target.startsWith(RULES + sep))
        .map((target) => `${posix(file)} -> ${posix(target)}`),
    );
    expect(arrows.filter((arrow) => !(arrow in EXCEPTIONS))).toEqual([]);
    // An exception whose import is gone must be deleted from the list.
    expect(Object.keys(EXCEPTIONS).filter((arrow) => !arrows.includes(arrow))).toEqual([]);
  });
});
