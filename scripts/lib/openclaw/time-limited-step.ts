// One child process with a time limit and its output captured, never thrown: every step of the installer
// and the smoke runs through it. (Renders have their own, stricter runner: scripts/lib/render/bounded-process.ts.)
import { execa } from 'execa';

export interface StepResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  /** Why it failed, in a few words, for a one-line error ('' when ok). */
  reason: string;
}

export interface StepOptions {
  timeoutMs: number;
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Replace the environment instead of extending process.env. */
  extendEnv?: boolean;
}

export async function runTimeLimitedStep(command: string, args: readonly string[], options: StepOptions): Promise<StepResult> {
  const result = await execa(command, args, {
    reject: false,
    timeout: options.timeoutMs,
    // A step that ignores SIGTERM is killed outright: the limit is a limit.
    forceKillAfterDelay: 5_000,
    cwd: options.cwd,
    env: options.env,
    extendEnv: options.extendEnv ?? true,
    stdin: 'ignore',
    maxBuffer: 64 * 1024 * 1024,
  });
  const stdout = String(result.stdout ?? '');
  const stderr = String(result.stderr ?? '');
  if (result.timedOut) return { ok: false, stdout, stderr, reason: `timed out after ${Math.round(options.timeoutMs / 1000)} s` };
  if (result.failed) {
    const last = lastLine(stderr) || lastLine(stdout) || (result.exitCode === undefined ? String(result.message ?? 'did not start') : `exit ${result.exitCode}`);
    return { ok: false, stdout, stderr, reason: last };
  }
  return { ok: true, stdout, stderr, reason: '' };
}

/** The last non-empty line, trimmed and cut short: a tool's own last word is usually its error. */
export function lastLine(text: string): string {
  const lines = text.split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const line = lines.at(-1) ?? '';
  return line.length > 240 ? `${line.slice(0, 237)}...` : line;
}
