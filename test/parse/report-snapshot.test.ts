// The JSON report of the test fixtures, pinned byte for byte: a faster parser or a lazier locator must not
// move a single finding. A deliberate change of a message or a position updates the snapshot in the same
// commit (`npx vitest run test/parse/report-snapshot.test.ts -u`) and says why.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot, runValidate } from '../helpers/cli.ts';

const runs: Array<{ name: string; args: string[]; cwd?: string }> = [
  { name: 'manifests', args: ['test/fixtures/policies', 'test/fixtures/cross', 'test/fixtures/promotion'] },
  {
    name: 'overlays',
    args: ['test/fixtures/overlays/app/overlay', 'test/fixtures/cross-overlays/ingress-port-mismatch', 'test/fixtures/cross-overlays/service-selects-nothing', 'test/fixtures/overlays/missing-file'],
  },
  { name: 'gitops-valid', args: [], cwd: join(repositoryRoot, 'test', 'fixtures', 'gitops', 'valid') },
];

describe('the JSON report of the fixtures', () => {
  it('stays identical', async () => {
    const results = await Promise.all(runs.map((run) => runValidate([...run.args, '--quiet', '--format', 'json'], { cwd: run.cwd })));
    for (const [i, run] of runs.entries()) {
      expect(results[i]!.stderr).toBe('');
      await expect(results[i]!.stdout).toMatchFileSnapshot(join('__snapshots__', `${run.name}.json`));
    }
  }, 120_000);
});
