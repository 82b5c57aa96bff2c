// `npm run diff`: what the overlays render to at a git ref versus the working tree, resource by resource.
import { describeCommandFailure } from './lib/cli/command-errors.ts';
import { DIFF_USAGE, parseDiffOptions } from './lib/gitops/diff-options.ts';
import { formatDiff } from './lib/gitops/format-diff.ts';
import { renderedDiff } from './lib/gitops/rendered-diff.ts';

/** Exit status: 0 the report was printed, whatever it says; 2 bad input. */
export async function main(argv: readonly string[]): Promise<number> {
  const options = parseDiffOptions(argv);
  if (options.help) {
    process.stdout.write(`${DIFF_USAGE}\n`);
    return 0;
  }
  const report = await renderedDiff({ base: options.base, overlays: options.overlays, cwd: process.cwd() });
  process.stdout.write(formatDiff(report, options.format));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeCommandFailure('diff', error)}\n`);
    process.exitCode = 2;
  },
);
