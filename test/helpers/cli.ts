// Runs a toolkit command as a user would: a real process, real files, real exit code.
import { join } from 'node:path';
import { execa } from 'execa';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

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
  const result = await execa(process.execPath, ['--import', 'tsx', join(repositoryRoot, 'scripts', script), ...args], {
    cwd: options.cwd ?? repositoryRoot,
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

export const runValidate = (args: readonly string[], options?: Parameters<typeof runScript>[2]) =>
  runScript('validate.ts', args, options);
