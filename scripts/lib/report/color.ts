// Whether to colour the text report; the CLI asks once per stream.

/**
 * Decided in this order:
 * 1. `NO_COLOR` set to any value, even empty, disables colour. (no-color.org asks tools to react to a non-empty
 *    value; treating an empty one the same errs towards what someone who typed `NO_COLOR=` most likely meant.)
 * 2. `FORCE_COLOR` set: `0` or `false` disables colour, anything else (including empty) enables it even when
 *    the stream is not a TTY — the same reading as Node's own `FORCE_COLOR`, and what makes colour work in CI
 *    logs that render ANSI (GitHub Actions, GitLab) where stdout is a pipe.
 * 3. Otherwise colour only on a TTY whose `TERM` is not `dumb`.
 */
export function shouldUseColor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (stream.isTTY !== true) return false;
  return env.TERM !== 'dumb';
}
