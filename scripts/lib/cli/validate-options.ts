// Command-line options of `npm run validate`; a bad option is a UsageError (one line, exit 2).
import { accessSync, constants, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { REPORT_FORMATS, type ReportFormat } from '../report/index.ts';
import { PROFILES, type Profile } from '../rule-meta.ts';

import { UsageError, parseCommandLine } from './command-line.ts';

export interface ValidateOptions {
  paths: string[];
  format: ReportFormat;
  output?: string;
  kubernetesVersion?: string;
  schemaLocations: string[];
  /** Files or directories of CustomResourceDefinitions whose custom resources they validate. */
  crdPaths: string[];
  ignoreMissingSchemas: boolean;
  config?: string;
  /** --root: the repository, when it is not found from the paths given (see target-root.ts). */
  root?: string;
  /** --profile: overrides the configuration's `profile:`. */
  profile?: Profile;
  baseline?: string;
  listRules: boolean;
  quiet: boolean;
  timeoutSeconds: number;
  jobs: number;
  help: boolean;
}

export const VALIDATE_USAGE = `Usage: npm run validate -- [PATH...] [options]

Renders every overlay under overlays/ and reads flux/ and argocd/ (or the PATHs given: a directory
with a kustomization.yaml is rendered, any other directory or .yaml/.yml file is read as manifests,
- reads standard input), then checks schemas, policies and cross-resource rules.

Options:
  --format FORMAT             text (default), json, junit, sarif or github
  --output FILE               write the report to FILE instead of standard output
  --kubernetes-version X.Y    target Kubernetes version (one of those vendored in schemas/)
  --schema-location DIR       also read schemas from DIR (kubernetes-json-schema layout); repeatable
  --crd PATH                  validate custom resources with the CRDs in PATH (file or directory); repeatable
  --ignore-missing-schemas    a resource without a schema is a warning, not an error
  --root DIR                  the repository (default: the git work tree of the PATHs, else their
                              common directory; without PATHs, that of the working directory)
  --config FILE               rule configuration (default: validate.config.yaml at the root, if any)
  --profile PROFILE           checks to apply: schema, baseline, restricted or all (default: the
                              configuration's profile, else baseline)
  --baseline REF              compare with the render at git REF (selector changes)
  --list-rules                print the rules and exit
  --quiet                     print findings only (no progress, no summary)
  --timeout SECONDS           time limit for one kustomize build (default 120)
  --jobs N                    sources rendered at once (default: twice the number of cores)
  -h, --help                  print this help

Exit status: 0 no error findings, 1 error findings, 2 the tool could not do its job.`;

/** `cwd`: what a relative --output is relative to. */
export function parseValidateOptions(argv: readonly string[], cwd = process.cwd()): ValidateOptions {
  const parsed = parseCommandLine({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      output: { type: 'string' },
      'kubernetes-version': { type: 'string' },
      'schema-location': { type: 'string', multiple: true, default: [] },
      crd: { type: 'string', multiple: true, default: [] },
      'ignore-missing-schemas': { type: 'boolean', default: false },
      config: { type: 'string' },
      root: { type: 'string' },
      profile: { type: 'string' },
      baseline: { type: 'string' },
      'list-rules': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      timeout: { type: 'string', default: '120' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const { values, positionals } = parsed;
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, got "${values.format}"`);
  }
  if (values['kubernetes-version'] !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(values['kubernetes-version'])) {
    throw new UsageError(`--kubernetes-version must look like 1.36, got "${values['kubernetes-version']}"`);
  }
  if (values.profile !== undefined && !PROFILES.includes(values.profile as Profile)) {
    throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${values.profile}"`);
  }
  return {
    paths: positionals,
    format,
    output: writableOutput(values.output, cwd),
    kubernetesVersion: values['kubernetes-version']?.replace(/^v/, ''),
    schemaLocations: values['schema-location'] as string[],
    crdPaths: values.crd as string[],
    ignoreMissingSchemas: values['ignore-missing-schemas'] as boolean,
    config: values.config,
    root: values.root,
    profile: values.profile as Profile | undefined,
    baseline: values.baseline,
    listRules: values['list-rules'] as boolean,
    quiet: values.quiet as boolean,
    timeoutSeconds: positiveNumber('--timeout', values.timeout as string),
    // A render is a process that also waits on disk and start-up: two per core keep both cores busy.
    jobs: values.jobs === undefined ? 2 * availableParallelism() : positiveNumber('--jobs', values.jobs),
    help: values.help as boolean,
  };
}

/** A report that cannot be written is bad input, found before minutes of rendering rather than after. */
function writableOutput(file: string | undefined, cwd: string): string | undefined {
  if (file === undefined) return undefined;
  const dir = dirname(resolve(cwd, file));
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    accessSync(dir, constants.W_OK);
  } catch {
    throw new UsageError(`--output ${file}: cannot write there (${dir} is not a writable directory)`);
  }
  return file;
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${name} must be a positive number, got "${text}"`);
  return value;
}
