// `npm run validate`: wires discovery, rendering, checks and reporting; the work lives in scripts/lib.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SchemaLoadError, SchemaValidator, VENDORED_SCHEMAS } from './lib/check/schema-validator.ts';
import { resolveKubernetesVersion } from './lib/cli/kubernetes-version.ts';
import { UsageError, VALIDATE_USAGE, parseValidateOptions, type ValidateOptions } from './lib/cli/validate-options.ts';
import { runPipeline, type SourceCheck } from './lib/pipeline.ts';
import { KustomizeUnavailableError, resolveKustomize } from './lib/render/kustomize-binary.ts';
import { formatProgressLine, formatReport, shouldUseColor } from './lib/report/index.ts';
import { discoverPaths, discoverRepository } from './lib/sources/discover.ts';
import { ConfigError, loadConfig, policyCheck, repositoryCheck, ruleDescriptions, ruleListing } from './lib/cli/policies.ts';

/** Exit status: 0 clean, 1 error findings, 2 the tool could not do its job. */
export async function main(argv: readonly string[]): Promise<number> {
  const options = parseValidateOptions(argv);
  if (options.help) {
    process.stdout.write(`${VALIDATE_USAGE}\n`);
    return 0;
  }
  if (options.listRules) {
    process.stdout.write(ruleListing());
    return 0;
  }
  const root = process.cwd();
  const config = loadConfig(options.config, root);
  const discovery = options.paths.length > 0 ? discoverPaths(options.paths, root) : discoverRepository(root);
  const log = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  const color = shouldUseColor(process.stderr, process.env);
  const locations = [...options.schemaLocations.map((dir) => resolve(dir)), VENDORED_SCHEMAS];
  const kubernetesVersion = resolveKubernetesVersion(options.kubernetesVersion, locations);
  const needsKustomize = discovery.sources.some((source) => source.kind === 'kustomization');
  const notes: string[] = [];
  const binary = needsKustomize ? await resolveKustomize(process.env, notes) : undefined;
  notes.forEach((note) => log(`note: ${note}`));
  if (binary) log(`kustomize ${binary.version} (${binary.origin}: ${[binary.command, ...binary.args].join(' ')})`);
  const checks: SourceCheck[] = [policyCheck(config)];
  const report = await runPipeline(
    discovery.sources,
    {
      root,
      binary,
      validator: new SchemaValidator({ locations, kubernetesVersion }),
      kubernetesVersion,
      ignoreMissingSchemas: options.ignoreMissingSchemas,
      concurrency: options.jobs,
      renderTimeoutMs: options.timeoutSeconds * 1000,
      checks,
      repositoryChecks: [repositoryCheck(config, root)],
      onSource: (result, findings) => log(formatProgressLine({ ...result }, color, findings)),
    },
    discovery.findings,
  );
  const text = formatReport(report, options.format, {
    color: options.output === undefined && shouldUseColor(process.stdout, process.env),
    quiet: options.quiet,
    rules: ruleDescriptions(),
  });
  writeReport(text, options);
  return report.summary.errors > 0 ? 1 : 0;
}

function writeReport(text: string, options: ValidateOptions): void {
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
}

/** Errors the user can act on are one line; anything else is a bug and keeps its stack under DEBUG. */
export function describeFailure(error: unknown): string {
  if (error instanceof UsageError) return `validate: ${error.message} (see --help)`;
  if (error instanceof KustomizeUnavailableError || error instanceof SchemaLoadError || error instanceof ConfigError) return `validate: ${error.message}`;
  const message = error instanceof Error ? error.message : String(error);
  if (process.env.DEBUG && error instanceof Error) return `validate: internal error: ${error.stack}`;
  return `validate: internal error: ${message}`;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${describeFailure(error)}\n`);
    process.exitCode = 2;
  },
);
