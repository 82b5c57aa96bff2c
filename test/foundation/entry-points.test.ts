// The commands as real processes: arguments, standard streams and exit status through the operating
// system. Everything else about the commands is tested in-process (test/helpers/cli.ts); these few
// runs prove that the entry files call the same `main` and hand its exit status to the process.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staleBuild } from '../../bin/launch.mjs';
import { runProcess } from '../helpers/cli.ts';
import { TemporaryDirectories, treeOfTimes } from '../helpers/temporary-directories.ts';
import { removeRepository } from '../promotion/repo.ts';
import { smallPromotionRepository } from '../promotion/small-repository.ts';

const badConfigMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  lables: {}\n';
const schemas = ['--schema-location', 'test/fixtures/schemas', '--kubernetes-version', '1.99'];

// diff and promote read it only (a dry run): one small repository serves both processes.
let repo: string;
beforeAll(async () => {
  repo = await smallPromotionRepository();
});
afterAll(async () => {
  await removeRepository(repo);
});

describe('the command processes', () => {
  it('validate reads standard input, writes JSON to standard output and exits 1 for an error finding', async () => {
    const result = await runProcess('validate', ['-', ...schemas, '--format', 'json'], { input: badConfigMap });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).findings[0]).toMatchObject({ rule: 'schema', file: '-', line: 5 });
  });

  it('validate exits 2 with one line on standard error for a bad argument', async () => {
    const result = await runProcess('validate', ['--no-such-flag']);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^validate: Unknown option '--no-such-flag'/)]);
  });

  it('diff renders an overlay at a ref and in the working tree, and exits 0', async () => {
    const result = await runProcess('diff', ['--base', 'HEAD', 'prod'], { cwd: repo });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^overlays\/prod: no changes \(\d+ resources\)$/m);
  });

  it('promote prints the pull request of a dry run and exits 0', async () => {
    const result = await runProcess('promote', ['--from', 'canary', '--to', 'prod', '--ignore-missing-schemas', '--dry-run'], { cwd: repo });
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toMatch(/^## Promote `ghcr\.io\/openclaw\/openclaw` /);
    expect(result.stderr).toContain('promote: dry run: nothing written');
  });
});

describe('the launcher runs the build only when it is up to date', () => {
  const dirs = new TemporaryDirectories();
  afterAll(() => dirs.removeAll());
  const tree = (files: Record<string, number>) => treeOfTimes(dirs, files);

  it('uses dist/ when every source has an output written after it', () => {
    expect(staleBuild(tree({ 'scripts/a.ts': 100, 'scripts/lib/b.ts': 100, 'dist/a.js': 200, 'dist/lib/b.js': 200 }))).toBeUndefined();
  });

  it('refuses dist/ when a source changed after its output, or has none', () => {
    expect(staleBuild(tree({ 'scripts/a.ts': 100, 'scripts/lib/b.ts': 300, 'dist/a.js': 200, 'dist/lib/b.js': 200 }))).toBe('scripts/lib/b.ts changed after the last build');
    expect(staleBuild(tree({ 'scripts/a.ts': 100, 'scripts/new.ts': 100, 'dist/a.js': 200 }))).toBe('dist/ has no build of scripts/new.ts');
  });

  it('uses dist/ as it is in an installed copy without scripts/', () => {
    expect(staleBuild(tree({ 'dist/a.js': 200 }))).toBeUndefined();
  });
});
