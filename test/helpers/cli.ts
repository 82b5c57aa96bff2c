// Runs a toolkit command as a user would: real files, real exit code, its output captured. In-process by
// default (the command's exported `main`, the same code the entry runs); as a real process where the
// process itself is under test (test/foundation/entry-points.test.ts).
import { join } from 'node:path';
import { execa } from 'execa';
import type { CommandIo, CommandMain } from '../../scripts/lib/cli/command-io.ts';

export const repositoryRoot = join(import.meta.dirname, '..', '..');

export interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
}

export type Command = 'validate' | 'diff' | 'promote';

// Loaded on first use: a test file pays only for the commands it runs.
const COMMANDS: Record<Command, () => Promise<{ main: CommandMain }>> = {
  validate: () => import('../../scripts/validate.ts'),
  diff: () => import('../../scripts/diff.ts'),
  promote: () => import('../../scripts/promote.ts'),
};

/** The command's `main` in this process, with the environment a child process of the test would get. */
export async function runCommand(command: Command, args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const { main } = await COMMANDS[command]();
  const output = { stdout: '', stderr: '' };
  const io: CommandIo = {
    stdout: { write: (text: string) => (output.stdout += text) },
    stderr: { write: (text: string) => (output.stderr += text) },
    cwd: options.cwd ?? repositoryRoot,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdin: options.input === undefined ? [] : [Buffer.from(options.input)],
  };
  const exitCode = await main(args, io);
  return { exitCode, ...output };
}

export const runValidate = (args: readonly string[], options?: RunOptions) => runCommand('validate', args, options);

/**
 * A real `node` process started the way `npm run <command>` starts it (bin/launch.mjs): the build in dist/
 * when it is up to date (as after `npm ci`), the TypeScript sources through tsx when they changed since.
 */
export async function runProcess(command: Command, args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const result = await execa(process.execPath, [join(repositoryRoot, 'bin', 'launch.mjs'), command, ...args], {
    cwd: options.cwd ?? repositoryRoot,
    reject: false,
    env: { NO_COLOR: '1', ...options.env },
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}
