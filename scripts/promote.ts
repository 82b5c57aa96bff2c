// `npm run promote`: moves the canary's image into prod on a new branch and prints the pull request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCommandFailure } from './lib/cli/command-errors.ts';
import { terminalLines, terminalText } from './lib/report/escape.ts';
import { PROMOTE_USAGE, parsePromoteOptions } from './lib/gitops/promote-options.ts';
import { nextStepsText } from './lib/gitops/pr-body.ts';
import { PromotionRefused, promote, type PromotionResult } from './lib/gitops/promotion.ts';

export async function main(argv: readonly string[]): Promise<number> {
  const options = parsePromoteOptions(argv);
  if (options.help) {
    process.stdout.write(`${PROMOTE_USAGE}\n`);
    return 0;
  }
  let result: PromotionResult;
  try {
    result = await promote({ ...options, cwd: process.cwd() });
  } catch (error) {
    if (!(error instanceof PromotionRefused)) throw error;
    process.stderr.write(`promote: ${terminalText(error.message)}\n`);
    if (error.details) process.stderr.write(`${terminalLines(error.details)}\n`);
    return error.exitCode;
  }
  process.stdout.write(result.body);
  process.stderr.write(nextSteps(result, options.dryRun));
  return 0;
}

function nextSteps(result: PromotionResult, dryRun: boolean): string {
  if (dryRun) return `\npromote: dry run: nothing written; without --dry-run this creates branch ${terminalText(result.branch)}\n`;
  // The body goes to a file of its own so that `gh pr create --body-file` can read it as printed.
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'openclaw-pr-')), 'body.md');
  writeFileSync(bodyFile, result.body);
  return nextStepsText(result, bodyFile);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeCommandFailure('promote', error)}\n`);
    process.exitCode = 2;
  },
);
