// What a command may touch of the world it runs in, handed to it rather than read from `process`: the
// same `main` then runs as a process (the entry) and in-process (the tests), with identical behaviour.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A place text goes to; `isTTY` decides colour, as it does for a terminal. */
export interface TextSink {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface CommandIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Relative paths on the command line are relative to this directory. */
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Read only when the command is told to (`-`). */
  stdin: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;
}

/** Exit status: 0 success, 1 findings (validate, promote), 2 the command could not do its job. */
export type CommandMain = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** Runs a command's work; anything it throws becomes one line on stderr and exit 2, as the entry promises. */
export async function exitCodeOf(command: string, io: Pick<CommandIo, 'stderr' | 'env'>, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    const { describeCommandFailure } = await import('./command-errors.ts');
    io.stderr.write(`${describeCommandFailure(command, error, io.env)}\n`);
    return 2;
  }
}

export function processIo(): CommandIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
    // A getter: Node makes the stdin stream on first access (a TTY or socket handle), which a run that never
    // reads `-` should not pay for at start-up.
    get stdin() {
      return process.stdin;
    },
  };
}

export async function readAll(stdin: CommandIo['stdin']): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/**
 * Runs `main` when the module at `moduleUrl` is the program node was started with (directly, through
 * tsx, or through an installed bin symlink), and does nothing when it is imported.
 */
export function runIfEntry(moduleUrl: string, main: CommandMain): void {
  const started = process.argv[1];
  if (!started || realPath(resolve(started)) !== realPath(fileURLToPath(moduleUrl))) return;
  void main(process.argv.slice(2), processIo()).then((code) => {
    process.exitCode = code;
  });
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
