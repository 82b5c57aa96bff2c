// Runs a toolkit command as a user would: a real process, real files, real exit code.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

// `node --import tsx` resolves tsx from the working directory, which may be outside this repository.
const tsxLoader = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'loader.mjs')).href;

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function runScript(
  script: string,
  args: readonly string[],
  options: { cwd?: string; input?: string | Buffer; env?: NodeJS.ProcessEnv } = {},
): Promise<CliResult> {
  const result = await execa(process.execPath, ['--import', tsxLoader, join(repositoryRoot, 'scripts', script), ...args], {
    cwd: options.cwd ?? repositoryRoot,
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export const runValidate = (args: readonly string[], options?: Parameters<typeof runScript>[2]) =>
  runScript('validate.ts', args, options);
