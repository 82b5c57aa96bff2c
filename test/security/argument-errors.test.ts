// Exit 2 for bad arguments: one line on standard error, printed before any rendering starts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeCommandFailure } from '../../scripts/lib/cli/command-errors.ts';
import { UsageError, parseCommandLine } from '../../scripts/lib/cli/command-line.ts';
import { OverlayInputError } from '../../scripts/lib/release/overlays.ts';
import { runCommand } from '../helpers/cli.ts';
import { git } from './attacker-repo.ts';

let repo: string;
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'openclaw-args-'));
  await mkdir(join(repo, 'overlays', 'a'), { recursive: true });
  await writeFile(join(repo, 'overlays', 'a', 'kustomization.yaml'), 'resources: []\n');
  await git(repo, 'init', '--quiet', '--initial-branch=main');
  await git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '--allow-empty', '-m', 'empty');
  await git(repo, 'add', '--all');
  await git(repo, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '--quiet', '-m', 'overlay');
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('argument errors', () => {
  it('node’s multi-line parse errors become one line', () => {
    const error = (() => {
      try {
        parseCommandLine({ args: ['--base', '--x'], options: { base: { type: 'string' } }, strict: true });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).not.toContain('\n');
  });

  it('a message that quotes a hostile overlay name stays one line', () => {
    const line = describeCommandFailure('diff', new OverlayInputError('overlay overlays/x\n::error::forged has no kustomization'));
    expect(line).toBe('diff: overlay overlays/x\\n::error::forged has no kustomization');
  });

  it('an unknown --baseline ref is refused before kustomize is even looked for', async () => {
    const result = await runCommand('validate', ['--baseline', 'no-such-ref'], { cwd: repo });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('validate: unknown git ref: no-such-ref\n');
  });

  it('an unknown overlay is refused before either side of the diff is rendered', async () => {
    const result = await runCommand('diff', ['--base', 'HEAD', 'nosuch'], { cwd: repo });
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('diff: overlay overlays/nosuch has no kustomization at HEAD nor in the working tree\n');
  });
});
