// What the smoke writes to the terminal (and, in CI, to a pull request's job log). Overlay names, container
// args, probe replies, pod log lines and error messages all come from the change under test, so every line
// is shown through the terminal escaper: a newline, ESC or bidi override in them is printed as `\n`, `\x1b`,
// `\u202e`, and can neither start a forged line (`::stop-commands::`) nor drive the terminal.
import { shellQuote, terminalText } from '../lib/report/escape.ts';

/** One progress line for stderr. */
export function logLine(line: string): string {
  return terminalText(line);
}

/** A container's argv as the user would type it: each argument shell-quoted, so spaces stay unambiguous. */
export function argvText(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}

/**
 * The lines of an error that stops the run. Expected errors (bad input, no runtime) are their message on
 * one line; an internal error keeps its stack frames, each a line of its own, while the message above them
 * (which may quote input) stays on one line.
 */
export function errorLines(error: unknown, expected: boolean): string[] {
  if (!(error instanceof Error)) return [`smoke: internal error: ${terminalText(String(error))}`];
  if (expected) return [`smoke: ${terminalText(error.message)}`];
  const header = `${error.name}: ${error.message}`;
  const stack = error.stack ?? '';
  // Frames only when the stack is the usual header + frames; otherwise the message alone.
  const frames = stack.startsWith(header) ? stack.slice(header.length).split('\n').filter((line) => line.trim() !== '') : [];
  return [`smoke: internal error: ${terminalText(header)}`, ...frames.map(terminalText)];
}
