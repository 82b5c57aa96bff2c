// Throwaway git repositories holding this repository's manifests, and the commands run in them.
import { constants } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
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
  const dir = await mkdtemp(join(tmpdir(), 'openclaw-promotion-test-'));
  await copyTree(manifestTemplate(), dir);
  return dir;
}

/**
 * The same repository, copied into `dir` (emptied first): for a directory at the same path every run
 * (test/render/stable-directory.ts), whose working-tree renders the render cache then serves again.
 */
export async function manifestRepositoryAt(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await copyTree(manifestTemplate(), dir);
  return dir;
}

function manifestTemplate(): string {
  const template = inject('manifestRepository');
  if (!template) throw new Error('test setup: no manifest repository; run the tests with vitest.config.ts (its globalSetup makes it)');
  return template;
}

/**
 * Copies a directory, links as links, every file at once. Node's fs.cp took about 0.14 s of CPU for these
 * ~200 files (its per-entry checks), this about 0.02 s; many test files make a copy per test.
 */
async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(
    entries.map(async (entry) => {
      const source = join(from, entry.name);
      const target = join(to, entry.name);
      if (entry.isDirectory()) await copyTree(source, target);
      else if (entry.isSymbolicLink()) await symlink(await readlink(source), target);
      else if (entry.isFile()) await copyFile(source, target, constants.COPYFILE_FICLONE);
    }),
  );
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
  // Every copy inherits this: no `git maintenance run --auto` process after each test's commit.
  await git(dir, 'config', 'maintenance.auto', 'false');
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
