// Throwaway git repositories holding this repository's manifests, and the commands run in them.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { inject } from 'vitest';
import { repositoryRoot, runCommand, type CliResult } from '../helpers/cli.ts';

export function run(command: 'promote' | 'diff', args: readonly string[], cwd: string): Promise<CliResult> {
  return runCommand(command, args, { cwd });
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const result = await execa('git', args, { cwd, stdin: 'ignore' });
  return String(result.stdout);
}

/**
 * A new repository with the committed base/, components/, overlays/, validate.config.yaml and the
 * application schemas it names (schemas/apps/) of this one (from HEAD, so that work in progress
 * elsewhere in the checkout cannot leak in), one commit on main, with prod one release behind the canary.
 * A copy of the one test/helpers/global-setup.ts made for the whole run: making it takes eight git and
 * tar processes, and each process started from a test worker costs tens of milliseconds of CPU.
 */
export async function manifestRepository(): Promise<string> {
  const template = inject('manifestRepository');
  if (!template) throw new Error('test setup: no manifest repository; run the tests with vitest.config.ts (its globalSetup makes it)');
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-promotion-test-'));
  await cp(template, dir, { recursive: true, verbatimSymlinks: true });
  return dir;
}

/** Makes the repository manifestRepository copies (see there). */
export async function createManifestRepository(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-promotion-template-'));
  await execa('git', ['archive', '--format=tar', 'HEAD', 'base', 'components', 'overlays', 'validate.config.yaml', 'schemas/apps'], { cwd: repositoryRoot }).pipe('tar', [
    '-x',
    '-f',
    '-',
    '-C',
    dir,
  ]);
  // This repository's prod and canary run one release; the tests need a canary one release ahead.
  await edit(join(dir, 'overlays/prod/kustomization.yaml'), (text) => text.replaceAll('"2026.9.6"', '"2026.9.5"'));
  await git(dir, 'init', '--quiet', '--initial-branch=main');
  await git(dir, 'config', 'user.name', 'Promotion Test');
  await git(dir, 'config', 'user.email', 'promotion-test@example.com');
  await git(dir, 'config', 'commit.gpgsign', 'false');
  await commitAll(dir, 'manifests');
  return dir;
}

export async function commitAll(dir: string, message: string): Promise<void> {
  await git(dir, 'add', '--all');
  await git(dir, 'commit', '--quiet', '--message', message);
}

export async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`test setup: the edit did not change ${file}`);
  await writeFile(file, after);
}

export function removeRepository(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

export const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
