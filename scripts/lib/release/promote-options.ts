// Command-line options of `npm run promote`; a bad option is a UsageError (one line, exit 2).
import { UsageError, parseCommandLine } from '../cli/command-line.ts';

export interface PromoteOptions {
  from: string;
  to: string;
  images: string[];
  dryRun: boolean;
  repo?: string;
  ignoreMissingSchemas: boolean;
  help: boolean;
}

export const PROMOTE_USAGE = `Usage: npm run promote -- --from OVERLAY --to OVERLAY [options]

Copies the image entries (newName, newTag, digest together) from one overlay's kustomization
images: to another's, matched by name, and moves a matching app.kubernetes.io/version label with
the tag. The result is rendered and validated first; then a branch promote/<to>-<tag> gets one
commit with the change (nothing is checked out or pushed), and the pull-request body is printed.

Options:
  --from OVERLAY              where the candidate runs (default canary); a name under overlays/ or a path
  --to OVERLAY                the overlay to update (default prod)
  --image NAME                only this image (repeatable); default: every image whose entry differs
  --dry-run                   print the pull-request body only: no file written, no branch, no commit
  --repo DIR                  the git repository to work in (default: the current directory's)
  --ignore-missing-schemas    a resource without a vendored schema is a warning, not an error
  -h, --help                  print this help

Exit status: 0 promoted (or dry run printed), 1 the promoted overlay fails validation (nothing
changed), 2 refused or bad input (images already equal, dirty working tree, missing overlay or
image entry, branch exists, not a git repository).`;

export function parsePromoteOptions(argv: readonly string[]): PromoteOptions {
  const parsed = parseCommandLine({
    args: [...argv],
    allowPositionals: false,
    strict: true,
    options: {
      from: { type: 'string', default: 'canary' },
      to: { type: 'string', default: 'prod' },
      image: { type: 'string', multiple: true, default: [] },
      'dry-run': { type: 'boolean', default: false },
      repo: { type: 'string' },
      'ignore-missing-schemas': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values } = parsed;
  for (const [name, value] of [['--from', values.from], ['--to', values.to], ['--repo', values.repo]] as const) {
    if (value !== undefined && value.trim() === '') throw new UsageError(`${name} needs a value`);
  }
  return {
    from: values.from,
    to: values.to,
    images: values.image,
    dryRun: values['dry-run'],
    repo: values.repo,
    ignoreMissingSchemas: values['ignore-missing-schemas'],
    help: values.help,
  };
}
