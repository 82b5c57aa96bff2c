// The line the CLI prints to stderr as each source finishes, so a long run shows it is moving.
import type { Finding, SourceResult } from '../model.ts';
import { painter } from './ansi.ts';
import { plural } from './counts.ts';
import { terminalText } from './escape.ts';

/**
 * `✓ overlays/prod  37 resources  412 ms` or `✗ overlays/dev  37 resources, 2 errors  1.3 s`.
 * `findings` may hold every finding so far; only those of this source are counted.
 */
export function formatProgressLine(result: SourceResult, color: boolean, findings: readonly Finding[] = []): string {
  const paint = painter(color);
  let errors = 0;
  let warnings = 0;
  for (const finding of findings) {
    if (finding.source !== result.source) continue;
    if (finding.severity === 'error') errors += 1;
    else warnings += 1;
  }
  const counts = [plural(result.resources, 'resource')];
  if (errors > 0) counts.push(paint('red', plural(errors, 'error')));
  if (warnings > 0) counts.push(paint('yellow', plural(warnings, 'warning')));
  const mark = errors > 0 ? paint('red', '✗') : paint('green', '✓');
  // A directory name is input: one line, no control characters (this line goes to CI logs too).
  const name = terminalText(result.source);
  // Found by following a GitOps object, not at a default location: say which one, so the user knows why.
  const why = result.discoveredBy === undefined ? '' : `  ${paint('dim', `(${terminalText(result.discoveredBy)})`)}`;
  return `${mark} ${name}  ${counts.join(', ')}  ${paint('dim', formatDuration(result.durationMs))}${why}`;
}

/** Milliseconds below a second (people compare them), seconds with one decimal above. */
export function formatDuration(ms: number): string {
  return ms < 999.5 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
