// The default report: for a person at a terminal. Grouped by source; each finding starts with
// `file:line:column` so terminals and editors make it a link.
import { describeRef, humanPath, type Finding, type Report } from '../model.ts';
import { painter, type Paint } from './ansi.ts';
import { summaryLine } from './counts.ts';
import { terminalText } from './escape.ts';
import { displayLocation } from './location.ts';
import type { ReportOptions } from './options.ts';
import { sortFindings } from './sort.ts';

const INDENT = '  ';
const DETAIL_INDENT = '      ';

export function formatText(report: Report, options: ReportOptions): string {
  const paint = painter(options.color);
  const lines: string[] = [];
  let currentSource: string | undefined;
  for (const finding of sortFindings(report.findings)) {
    if (!options.quiet && finding.source !== currentSource) {
      if (currentSource !== undefined) lines.push('');
      lines.push(paint('bold', safe(finding.source)));
      currentSource = finding.source;
    }
    for (const line of findingLines(finding, paint, options.quiet ? '' : INDENT)) lines.push(line);
  }
  if (!options.quiet) {
    if (lines.length > 0) lines.push('');
    lines.push(paint(report.summary.errors > 0 ? 'red' : report.summary.warnings > 0 ? 'yellow' : 'green', summaryLine(report.summary)));
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}

function findingLines(finding: Finding, paint: Paint, indent: string): string[] {
  const severity = paint(finding.severity === 'error' ? 'red' : 'yellow', finding.severity);
  const head = [
    safe(displayLocation(finding)),
    severity,
    paint('dim', safe(finding.rule)),
    finding.resource ? safe(describeRef(finding.resource)) : '',
    finding.path ? paint('dim', safe(humanPath(finding.path))) : '',
    safe(finding.message),
  ]
    .filter((part) => part !== '')
    .join('  ');
  // Messages quote names, keys and kustomize's output, so a line break in one is shown as `\n`: every finding
  // is exactly one line (plus its fix), and nothing quoted can start a line that looks like a finding.
  const lines = [indent + head];
  if (finding.fix) lines.push(indent + DETAIL_INDENT + paint('dim', `fix: ${safe(finding.fix)}`));
  return lines;
}

/** Everything printed is one line: a newline is shown as `\n`, other controls as `\x1b`-style escapes. */
function safe(text: string): string {
  return terminalText(text);
}
