// GitHub Actions workflow commands: the runner turns each `::error …::` / `::warning …::` line on stdout into an
// annotation on the pull request's diff (GitHub shows at most 10 of each kind per step; the log keeps all).
import { describeRef, humanPath, type Finding, type Report } from '../model.ts';
import { summaryLine } from './counts.ts';
import { repoPath } from './location.ts';
import { sortFindings } from './sort.ts';
import { githubData, githubProperty } from './escape.ts';

/** Message data and property values, escaped as the runner decodes them (see escape.ts). */
export { githubData as escapeData, githubProperty as escapeProperty } from './escape.ts';

export function formatGithub(report: Report, options: { quiet: boolean } = { quiet: false }): string {
  const lines = sortFindings(report.findings).map(command);
  if (!options.quiet) lines.push(summaryLine(report.summary));
  if (lines.length === 0) return '';
  return lines.join('\n') + '\n';
}

function command(finding: Finding): string {
  const properties: string[] = [];
  // Without a file GitHub cannot place the annotation; a line number alone would mean nothing.
  if (finding.file !== undefined) {
    properties.push(`file=${githubProperty(repoPath(finding.file))}`);
    if (finding.line !== undefined) {
      properties.push(`line=${finding.line}`);
      if (finding.column !== undefined) properties.push(`col=${finding.column}`);
    }
  }
  const title = finding.resource ? `${finding.rule} (${describeRef(finding.resource)})` : finding.rule;
  properties.push(`title=${githubProperty(title)}`);
  return `::${finding.severity} ${properties.join(',')}::${githubData(messageOf(finding))}`;
}

/** What the annotation body says: the field, the problem, then the fix on its own line. */
function messageOf(finding: Finding): string {
  let text = finding.message;
  if (finding.path) text = `${humanPath(finding.path)}: ${text}`;
  // An unplaced annotation appears only in the run summary, so it has to say which source it is about.
  if (finding.file === undefined) text = `${finding.source}: ${text}`;
  if (finding.fix) text += `\nFix: ${finding.fix}`;
  return text;
}
