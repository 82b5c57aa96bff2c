// `npm run promote`: moves the canary's image into prod on a new branch and prints the pull request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCommandFailure } from './lib/cli/command-errors.ts';
import { PROMOTE_USAGE, parsePromoteOptions } from './lib/gitops/promote-options.ts';
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
    process.stderr.write(`promote: ${error.message}\n`);
    if (error.details) process.stderr.write(`${error.details}\n`);
    return error.exitCode;
  }
  process.stdout.write(result.body);
  process.stderr.write(nextSteps(result, options.dryRun));
  return 0;
}

function nextSteps(result: PromotionResult, dryRun: boolean): string {
  if (dryRun) return `\npromote: dry run: nothing written; without --dry-run this creates branch ${result.branch}\n`;
  // The body goes to a file of its own so that `gh pr create --body-file` can read it as printed.
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'openclaw-pr-')), 'body.md');
  writeFileSync(bodyFile, result.body);
  const base = result.baseBranch ? ` --base ${result.baseBranch}` : '';
  return [
    '',
    `promote: committed ${result.commit?.slice(0, 12)} on new branch ${result.branch} (your checkout is unchanged): ${result.title}`,
    'Next:',
    `  git push -u origin ${result.branch}`,
    `  gh pr create${base} --head ${result.branch} --title ${JSON.stringify(result.title)} --body-file ${bodyFile}`,
    '',
  ].join('\n');
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
