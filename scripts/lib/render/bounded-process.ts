// Runs one program with every resource bounded: wall time, output size, address space, CPU time and the
// whole process tree. The child leads its own process group, so a timeout, an oversized output, our own
// exit or an interrupt kills everything it started, including children that keep its pipes open.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { killProcessGroup, trackProcessGroup } from './interrupt.ts';

export interface BoundedRun {
  command: string;
  args: readonly string[];
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
  /** stdout past this many bytes stops the run: the output is never cut and used in part. */
  maxStdoutBytes: number;
  /** Address-space limit for the child (applied with util-linux prlimit when installed). */
  maxMemoryBytes?: number;
}

export type BoundedOutcome =
  | { kind: 'exited'; exitCode: number | null; signal: NodeJS.Signals | null; stdout: Buffer; stderr: string }
  | { kind: 'timed-out' }
  | { kind: 'output-too-large' }
  | { kind: 'not-started'; message: string };

/** Node's timers hold at most 2^31-1 ms (about 24.8 days); a larger delay fires after 1 ms instead. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
const MAX_STDERR_BYTES = 64 * 1024;

export function clampTimeout(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) return MAX_TIMER_MS;
  return Math.min(Math.ceil(ms), MAX_TIMER_MS);
}

export function runBounded(run: BoundedRun): Promise<BoundedOutcome> {
  const timeoutMs = clampTimeout(run.timeoutMs);
  const [command, args] = withLimits(run.command, run.args, timeoutMs, run.maxMemoryBytes);
  return new Promise((resolvePromise) => {
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let stdoutBytes = 0;
    let stderrBytes = 0;
    let settled = false;
    let untrack = () => {};
    const child = spawn(command, args, { env: run.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const finish = (outcome: BoundedOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.pid !== undefined) killProcessGroup(child.pid);
      untrack();
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolvePromise(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timed-out' }), timeoutMs);
    if (child.pid !== undefined) untrack = trackProcessGroup(child.pid);
    child.on('error', (error) => finish({ kind: 'not-started', message: error.message }));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      if (stdoutBytes > run.maxStdoutBytes) return finish({ kind: 'output-too-large' });
      stdout.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      if (stderrBytes >= MAX_STDERR_BYTES) return;
      stderrBytes += chunk.length;
      stderr.push(chunk);
    });
    // The program has ended: anything it left running in its group (holding the pipes open) goes too,
    // after which the pipes close and every byte written has been read.
    child.on('exit', () => {
      if (child.pid !== undefined) killProcessGroup(child.pid);
    });
    child.on('close', (exitCode, signal) =>
      finish({ kind: 'exited', exitCode, signal, stdout: Buffer.concat(stdout), stderr: Buffer.concat(stderr).toString('utf8').slice(0, MAX_STDERR_BYTES) }),
    );
  });
}

/**
 * `setpriv --pdeathsig KILL` ends the program should this process die without cleaning up (SIGKILL), and
 * `prlimit` bounds its address space and CPU seconds, limits its children inherit. Both are util-linux;
 * where they are missing the program runs with the bounds above only.
 */
function withLimits(command: string, args: readonly string[], timeoutMs: number, maxMemoryBytes: number | undefined): [string, string[]] {
  let argv = [command, ...args];
  const prlimit = onPath('prlimit');
  if (prlimit) {
    const cpuSeconds = Math.ceil(timeoutMs / 1000) + 5;
    argv = [prlimit, `--cpu=${cpuSeconds}:${cpuSeconds + 5}`, ...(maxMemoryBytes ? [`--as=${maxMemoryBytes}`] : []), '--', ...argv];
  }
  const setpriv = onPath('setpriv');
  if (setpriv) argv = [setpriv, '--pdeathsig', 'KILL', '--', ...argv];
  return [argv[0]!, argv.slice(1)];
}

const found = new Map<string, string | undefined>();
function onPath(name: string): string | undefined {
  if (found.has(name)) return found.get(name);
  let path: string | undefined;
  for (const dir of ['/usr/bin', '/bin', '/usr/sbin', '/sbin', ...(process.env.PATH ?? '').split(delimiter)]) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      path = join(dir, name);
      break;
    } catch {
      // not here
    }
  }
  found.set(name, path);
  return path;
}
