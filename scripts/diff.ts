// `npm run diff`: what the overlays render to at a git ref versus the working tree, resource by resource.
import { exitCodeOf, runIfEntry, type CommandIo } from './lib/cli/command-io.ts';
import { DIFF_USAGE, parseDiffOptions } from './lib/release/diff-options.ts';
import { formatDiff } from './lib/release/format-diff.ts';
import { renderedDiff } from './lib/release/rendered-diff.ts';

/** Exit status: 0 the report was printed, whatever it says; 2 bad input (one line on stderr). */
export function main(argv: readonly string[], io: CommandIo): Promise<number> {
  return exitCodeOf('diff', io, async () => {
    const options = parseDiffOptions(argv);
    if (options.help) {
      io.stdout.write(`${DIFF_USAGE}\n`);
      return 0;
    }
    const report = await renderedDiff({ base: options.base, overlays: options.overlays, cwd: io.cwd });
    io.stdout.write(formatDiff(report, options.format));
    return 0;
  });
}

runIfEntry(import.meta.url, main);
