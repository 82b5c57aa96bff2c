// Layers read top-down: commands (scripts/*.ts) above the pipeline (scripts/lib) above the rules
// (scripts/rules). The pipeline reaches the rules through one door only: scripts/lib/validation.ts imports
// scripts/rules/policies.ts, and nothing else under scripts/lib imports scripts/rules, whatever the import looks
// like (multi-line, `export … from`, side-effect, dynamic `import()`).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY } from './golden-run.ts';

const LIB = join(REPOSITORY, 'scripts', 'lib');
const RULES = join(REPOSITORY, 'scripts', 'rules');

/** The one arrow from the pipeline to the rules: the validation wiring every command and test shares. */
const DOOR = 'scripts/lib/validation.ts -> scripts/rules/policies.ts';

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

  it('nothing under scripts/lib imports from scripts/rules except through the validation wiring', () => {
    const arrows = typescriptFiles(LIB).flatMap((file) =>
      importedSpecifiers(readFileSync(file, 'utf8'))
        .filter((specifier) => specifier.startsWith('.'))
        .map((specifier) => resolve(dirname(file), specifier))
        .filter((target) => target === RULES || target.startsWith(RULES + sep))
        .map((target) => `${posix(file)} -> ${posix(target)}`),
    );
    expect([...new Set(arrows)]).toEqual([DOOR]);
  });
});
