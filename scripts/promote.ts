// `npm run promote`: moves the canary's image into prod on a new branch and prints the pull request.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exitCodeOf, runIfEntry, type CommandIo } from './lib/cli/command-io.ts';
import { terminalLines, terminalText } from './lib/report/escape.ts';
import { PROMOTE_USAGE, parsePromoteOptions } from './lib/release/promote-options.ts';
import { nextStepsText } from './lib/release/pr-body.ts';
import { PromotionRefused, promote, type PromotionResult } from './lib/release/promotion.ts';

/** Exit status: 0 promoted (or dry run), 1 the result fails validation, 2 refused or bad input. */
export function main(argv: readonly string[], io: CommandIo): Promise<number> {
  return exitCodeOf('promote', io, () => promoteCommand(argv, io));
}

async function promoteCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parsePromoteOptions(argv);
  if (options.help) {
    io.stdout.write(`${PROMOTE_USAGE}\n`);
    return 0;
  }
  let result: PromotionResult;
  try {
    result = await promote({ ...options, cwd: io.cwd });
  } catch (error) {
    if (!(error instanceof PromotionRefused)) throw error;
    io.stderr.write(`promote: ${terminalText(error.message)}\n`);
    if (error.details) io.stderr.write(`${terminalLines(error.details)}\n`);
    return error.exitCode;
  }
  io.stdout.write(result.body);
  io.stderr.write(nextSteps(result, options.dryRun));
  return 0;
}

function nextSteps(result: PromotionResult, dryRun: boolean): string {
  if (dryRun) return `\npromote: dry run: nothing written; without --dry-run this creates branch ${terminalText(result.branch)}\n`;
  // The body goes to a file of its own so that `gh pr create --body-file` can read it as printed.
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'openclaw-pr-')), 'body.md');
  writeFileSync(bodyFile, result.body);
  return nextStepsText(result, bodyFile);
}

runIfEntry(import.meta.url, main);
