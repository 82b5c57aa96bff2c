// The refactor guard of issue 14: the JSON report of every fixture source and of this repository is stored,
// and a change to it must be deliberate. Regenerate after a deliberate change with
//   UPDATE_GOLDEN=1 npx vitest run test/catalogue/golden.test.ts
// and name the change in the commit message.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digest, goldenCases, goldenReport, REPOSITORY } from './golden-run.ts';

const STORED = join(REPOSITORY, 'test', 'fixtures', 'golden');

describe('the JSON reports stay identical', () => {
  for (const run of goldenCases()) {
    it(run.name, { timeout: 120_000 }, async () => {
      const file = join(STORED, `${run.name}.txt`);
      const actual = digest(await goldenReport(run));
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
      expect(actual).toBe(readFileSync(file, 'utf8'));
    });
  }
});
