// The pull-request text of a promotion: what moves, the rendered diff, and what validation said.
import type { Finding, Report } from '../model.ts';
import { describeRef } from '../model.ts';
import { shellQuote, terminalText } from '../report/escape.ts';
import { cell, code, formatDiff, type DiffReport } from './format-diff.ts';
import { describeImage, releaseName, type ImageMove } from './images.ts';

export interface PromotionSummary {
  from: string;
  to: string;
  moves: readonly ImageMove[];
}

/** Findings listed in the body before the rest is only counted. */
const MAX_LISTED_FINDINGS = 20;

/** 'Promote ghcr.io/openclaw/openclaw 2026.2.26 → 2026.3.1 in overlays/prod' */
export function promotionTitle(summary: PromotionSummary): string {
  const first = summary.moves[0]!;
  const more = summary.moves.length > 1 ? ` and ${summary.moves.length - 1} more image${summary.moves.length > 2 ? 's' : ''}` : '';
  return `Promote ${first.name} ${releaseName(first.before)} → ${releaseName(first.after)}${more} in ${summary.to}`;
}

export function commitMessage(summary: PromotionSummary, report: Report): string {
  const lines = [promotionTitle(summary), '', `${summary.to} now runs what ${summary.from} runs:`];
  for (const move of summary.moves) lines.push(`- ${move.name}: ${describeImage(move.before)} → ${describeImage(move.after)}`);
  lines.push('', `Validated before committing: ${countsText(report)}.`);
  return `${lines.join('\n')}\n`;
}

export function pullRequestBody(summary: PromotionSummary, diff: DiffReport, report: Report): string {
  const out = [
    // The title quotes image names and tags from the manifests: as a heading it is escaped like any prose.
    `## ${headingTitle(summary)}`,
    '',
    `Moves the image${summary.moves.length > 1 ? 's' : ''} that ${code(summary.from)} runs into ${code(summary.to)}. ` +
      `Once merged, the GitOps controller rolls ${code(summary.to)}; the old pods keep serving until the new ones are ready.`,
    '',
    `| Image | Before (${cell(summary.to)}) | After (= ${cell(summary.from)}) |`,
    '| --- | --- | --- |',
    ...summary.moves.map((move) => `| ${cell(move.name)} | ${cell(describeImage(move.before))} | ${cell(describeImage(move.after))} |`),
    '',
    `## Rendered diff`,
    '',
    formatDiff(diff, 'markdown').trimEnd(),
    '',
    '## Validation',
    '',
    validationSection(summary.to, report),
  ];
  return `${out.join('\n').trimEnd()}\n`;
}

/** The title with each quoted part in a code span: `Promote `ghcr.io/x` `1.0` → `1.1` in `overlays/prod``. */
function headingTitle(summary: PromotionSummary): string {
  const first = summary.moves[0]!;
  const more = summary.moves.length > 1 ? ` and ${summary.moves.length - 1} more image${summary.moves.length > 2 ? 's' : ''}` : '';
  return `Promote ${code(first.name)} ${code(releaseName(first.before))} → ${code(releaseName(first.after))}${more} in ${code(summary.to)}`;
}

function countsText(report: Report): string {
  const { errors, warnings, resources } = report.summary;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'} in ${resources} resources`;
}

function validationSection(overlay: string, report: Report): string {
  const mark = report.summary.errors > 0 ? '❌' : '✅';
  const lines = [`${mark} ${code(overlay)} rendered and checked (schemas and policies): ${countsText(report)}.`];
  if (report.findings.length === 0) return lines.join('\n');
  const listed = report.findings.slice(0, MAX_LISTED_FINDINGS).map(findingLine);
  const rest = report.findings.length - listed.length;
  lines.push('', '<details>', `<summary>${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}</summary>`, '', ...listed);
  if (rest > 0) lines.push(`- … and ${rest} more (run ${code(`npm run validate -- ${overlay}`)})`);
  lines.push('', '</details>');
  return lines.join('\n');
}

function findingLine(finding: Finding): string {
  const where = finding.resource ? `${code(describeRef(finding.resource))}: ` : '';
  // Messages quote names and values from the manifests: a code span keeps them from becoming markup.
  return `- ${finding.severity} ${code(finding.rule)} ${where}${code(finding.message)}`;
}

/**
 * The commands the user is told to paste after a promotion. Every argument is shell-quoted: the title holds
 * an image tag and the branch names come from the repository, and neither may become shell syntax.
 */
export function nextStepsText(result: { branch: string; commit?: string; baseBranch?: string; title: string }, bodyFile: string): string {
  const base = result.baseBranch ? ` --base ${shellQuote(result.baseBranch)}` : '';
  return [
    '',
    `promote: committed ${result.commit?.slice(0, 12)} on new branch ${terminalText(result.branch)} (your checkout is unchanged): ${terminalText(result.title)}`,
    'Next:',
    `  git push -u origin ${shellQuote(result.branch)}`,
    `  gh pr create${base} --head ${shellQuote(result.branch)} --title ${shellQuote(result.title)} --body-file ${shellQuote(bodyFile)}`,
    '',
  ].join('\n');
}
