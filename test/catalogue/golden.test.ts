// The refactor guard of issue 14: the JSON report of every fixture source and of this repository is stored,
// and a change to it must be deliberate. Regenerate after a deliberate change with
//   UPDATE_GOLDEN=1 npx vitest run test/catalogue/golden.test.ts
// and name the change in the commit message. Without UPDATE_GOLDEN=1 nothing is written: a case without a
// stored report (new, renamed, or its file deleted) fails, as does a stored report no case produces.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { digest, goldenCases, goldenReport, REPOSITORY } from './golden-run.ts';

const STORED = join(REPOSITORY, 'test', 'fixtures', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const REGENERATE = 'UPDATE_GOLDEN=1 npx vitest run test/catalogue/golden.test.ts';

describe('the JSON reports stay identical', () => {
  const cases = goldenCases();

  for (const run of cases) {
    it(run.name, { timeout: 120_000 }, async () => {
      const file = join(STORED, `${run.name}.txt`);
      const hashFile = join(STORED, `${run.name}.json.sha256`);
      const json = await goldenReport(run);
      const actual = digest(json);
      // The digest is the readable diff; the hash holds the report to the byte (key order, escaping, every fix).
      const hash = `${createHash('sha256').update(json).digest('hex')}\n`;
      if (UPDATE) {
        writeFileSync(file, actual);
        writeFileSync(hashFile, hash);
      } else if (!existsSync(file) || !existsSync(hashFile)) {
        expect.fail(`no stored report test/fixtures/golden/${run.name}.txt (and .json.sha256): if this case is new or renamed, run ${REGENERATE} and commit the files`);
      }
      expect(actual).toBe(readFileSync(file, 'utf8'));
      expect(hash, 'the JSON report is not byte-identical, though its digest is').toBe(readFileSync(hashFile, 'utf8'));
    });
  }

  it('stores a report only for cases that exist', () => {
    const names = new Set(cases.flatMap((run) => [`${run.name}.txt`, `${run.name}.json.sha256`]));
    const orphans = readdirSync(STORED).filter((name) => (name.endsWith('.txt') || name.endsWith('.sha256')) && !names.has(name));
    // A renamed or removed case leaves its old report behind: delete it (git rm) so the set stays exact.
    expect(orphans).toEqual([]);
  });
});
