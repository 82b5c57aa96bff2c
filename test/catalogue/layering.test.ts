// Layers read top-down: commands wire the rules into the pipeline; the pipeline's own parts under
// scripts/lib/cli never reach up into scripts/rules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPOSITORY } from './golden-run.ts';

describe('layering', () => {
  it('scripts/lib/cli imports nothing from scripts/rules', () => {
    const dir = join(REPOSITORY, 'scripts', 'lib', 'cli');
    const offending = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .flatMap((name) =>
        readFileSync(join(dir, name), 'utf8')
          .split('\n')
          .filter((line) => /^\s*(import|export)\b.*from\s+'[^']*\/rules\//.test(line))
          .map((line) => `${name}: ${line.trim()}`),
      );
    expect(offending).toEqual([]);
  });
});
