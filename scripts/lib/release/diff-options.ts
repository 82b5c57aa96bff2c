// Command-line options of `npm run diff`; a bad option is a UsageError (one line, exit 2).
import { UsageError, parseCommandLine } from '../cli/command-line.ts';
import { DIFF_FORMATS, type DiffFormat } from './format-diff.ts';

export interface DiffOptions {
  base: string;
  overlays: string[];
  format: DiffFormat;
  help: boolean;
}

export const DIFF_USAGE = `Usage: npm run diff -- --base REF [OVERLAY...] [options]

Renders each overlay (default: every overlay under overlays/, on either side) as it is at git REF
and as it is in the working tree, and prints what differs resource by resource: added, removed,
changed (with the changed fields), and generated ConfigMaps/Secrets whose hash changed as renames.
REF is exported with git archive into a temporary directory; nothing in your checkout changes.

Options:
  --base REF          the commit, branch or tag to compare with (required)
  --format FORMAT     text (default) or markdown (for a pull-request comment or job summary)
  -h, --help          print this help

An OVERLAY is a name under overlays/ (prod) or a path to a kustomization directory.

Exit status: 0 the report was printed (with or without differences), 2 bad input (unknown ref,
not a git repository, unknown option or overlay).`;

export function parseDiffOptions(argv: readonly string[]): DiffOptions {
  const parsed = parseCommandLine({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      base: { type: 'string' },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values, positionals } = parsed;
  const format = values.format as DiffFormat;
  if (!DIFF_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${DIFF_FORMATS.join(', ')}, got "${values.format}"`);
  if (!values.help && (values.base === undefined || values.base.trim() === '')) throw new UsageError('--base REF is required');
  return { base: values.base ?? '', overlays: positionals, format, help: values.help };
}
