// `npm run validate`: wires discovery, rendering, checks and reporting; the work lives in scripts/lib.
import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { targetRoot } from './lib/cli/target-root.ts';
import { VALIDATE_USAGE, parseValidateOptions, type ValidateOptions } from './lib/cli/validate-options.ts';
import { runPipeline } from './lib/pipeline.ts';
import { exitCodeOf, readAll, runIfEntry, type CommandIo } from './lib/cli/command-io.ts';
import { formatProgressLine, formatReport, shouldUseColor } from './lib/report/index.ts';
import { jsonReportChunks } from './lib/report/json.ts';
import { discoverPaths, discoverRepository } from './lib/sources/discover.ts';
import { createValidation, ruleListing } from './lib/validation.ts';

/** Exit status: 0 clean, 1 error findings, 2 the tool could not do its job (one line on stderr). */
export function main(argv: readonly string[], io: CommandIo): Promise<number> {
  return exitCodeOf('validate', io, () => validate(argv, io));
}

async function validate(argv: readonly string[], io: CommandIo): Promise<number> {
  const options = parseValidateOptions(argv, io.cwd);
  if (options.help) {
    io.stdout.write(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  if (options.listRules) {
    io.stdout.write(ruleListing());
    return 0;
  }
  // The target repository, found from the paths given; what the user typed stays relative to where they typed it.
  const root = targetRoot(options.paths, io.cwd, options.root);
  const fromCwd = (path: string) => resolve(io.cwd, path);
  const validation = createValidation({
    ...options,
    root,
    config: options.config && fromCwd(options.config),
    schemaLocations: options.schemaLocations.map(fromCwd),
    crdPaths: options.crdPaths.map(fromCwd),
  });
  // A bad --baseline ref is an argument error: refused before any rendering, like the others.
  if (options.baseline) {
    const { repositoryRoot, resolveCommit } = await import('./lib/release/git.ts');
    await resolveCommit(await repositoryRoot(root), options.baseline);
  }
  const discovery = options.paths.length > 0 ? discoverPaths(options.paths, root, io.cwd) : discoverRepository(root);
  const log = (line: string) => {
    if (!options.quiet) io.stderr.write(`${line}\n`);
  };
  const color = shouldUseColor(io.stderr, io.env);
  // Default discovery follows the GitOps objects it finds, which may lead to overlays: kustomize is needed then.
  const needsKustomize = discovery.sources.some((source) => source.kind === 'kustomization') || (options.paths.length === 0 && discovery.sources.length > 0);
  const notes: string[] = [];
  // Loaded only when used, as is --baseline's git: a run over plain files starts without them.
  const binary = needsKustomize ? await (await import('./lib/render/kustomize-binary.ts')).resolveKustomize(io.env, notes) : undefined;
  notes.forEach((note) => log(`note: ${note}`));
  if (binary) log(`kustomize ${binary.version} (${binary.origin}: ${[binary.command, ...binary.args].join(' ')})`);
  const baseline = options.baseline
    ? await (await import('./lib/cli/baseline.ts')).renderBaseline(options.baseline, {
        root,
        sources: discovery.sources,
        binary,
        timeoutMs: options.timeoutSeconds * 1000,
        concurrency: options.jobs,
      })
    : undefined;
  const report = await runPipeline(
    discovery.sources,
    validation.pipelineOptions({
      binary,
      baseline: baseline?.baseline,
      unreadableSources: discovery.findings.length,
      followGitOps: options.paths.length === 0,
      onSource: (result, findings) => log(formatProgressLine({ ...result }, color, findings)),
      readStdin: () => readAll(io.stdin),
    }),
    [...discovery.findings, ...(baseline?.findings ?? []), ...(options.paths.length === 0 ? validation.configurationFindings(discovery.sources) : [])],
  );
  // JSON is written as it is made: a report of a hundred thousand findings is never one string.
  const pieces =
    options.format === 'json'
      ? jsonReportChunks(report)
      : [formatReport(report, options.format, { color: options.output === undefined && shouldUseColor(io.stdout, io.env), quiet: options.quiet, rules: validation.rules })];
  writeReport(pieces, options, io);
  return report.summary.errors > 0 ? 1 : 0;
}

function writeReport(pieces: Iterable<string>, options: ValidateOptions, io: CommandIo): void {
  if (!options.output) {
    for (const piece of pieces) io.stdout.write(piece);
    return;
  }
  const file = openSync(resolve(io.cwd, options.output), 'w');
  try {
    for (const piece of pieces) writeSync(file, piece);
  } finally {
    closeSync(file);
  }
}

runIfEntry(import.meta.url, main);
