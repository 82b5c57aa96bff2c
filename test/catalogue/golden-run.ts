// Runs `npm run validate --format json` in process, wired as scripts/validate.ts wires it, so the reports of
// every fixture can be compared before and after a refactor without a process per fixture.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runPipeline } from '../../scripts/lib/pipeline.ts';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { formatReport } from '../../scripts/lib/report/index.ts';
import type { JsonFinding } from '../../scripts/lib/report/json.ts';
import { discoverPaths, discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { createValidation } from '../../scripts/lib/validation.ts';

export const REPOSITORY = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(REPOSITORY, 'test', 'fixtures');

export interface GoldenCase {
  /** File name of the stored report under test/fixtures/golden/. */
  name: string;
  /** Working directory of the run (the repository root the command sees). */
  root: string;
  /** Paths given on the command line; none means the whole repository. */
  paths: string[];
  config?: string;
}

let binary: Promise<KustomizeBinary> | undefined;

export async function goldenReport(run: GoldenCase): Promise<string> {
  binary ??= resolveKustomize();
  // Every check, whatever the case's own configuration says: the stored reports guard every rule.
  const validation = createValidation({ root: run.root, config: run.config, jobs: 2, profile: 'all' });
  const discovery = run.paths.length > 0 ? discoverPaths(run.paths, run.root) : discoverRepository(run.root);
  const report = await runPipeline(
    discovery.sources,
    validation.pipelineOptions({ binary: await binary, unreadableSources: discovery.findings.length, followGitOps: run.paths.length === 0 }),
    [...discovery.findings, ...(run.paths.length === 0 ? validation.configurationFindings(discovery.sources) : [])],
  );
  return formatReport(report, 'json', { color: false, quiet: true, rules: validation.rules });
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? filesUnder(path) : [path];
    });
}

/** Every fixture a source can be made of: each policy and cross file alone, each fixture overlay, each GitOps repository. */
export function goldenCases(): GoldenCase[] {
  const rel = (path: string) => relative(REPOSITORY, path);
  const yamlFiles = (dir: string) => filesUnder(join(FIXTURES, dir)).filter((file) => /\.ya?ml$/.test(file)).map(rel);
  const gitops = readdirSync(join(FIXTURES, 'gitops')).sort();
  return [
    { name: 'repository', root: REPOSITORY, paths: [] },
    { name: 'policies', root: REPOSITORY, paths: yamlFiles('policies') },
    { name: 'cross', root: REPOSITORY, paths: yamlFiles('cross') },
    {
      name: 'overlays',
      root: REPOSITORY,
      paths: [
        ...readdirSync(join(FIXTURES, 'cross-overlays')).sort().map((dir) => `test/fixtures/cross-overlays/${dir}`),
        'test/fixtures/overlays/app/overlay',
        'test/fixtures/overlays/remote-base',
        'test/fixtures/overlays/missing-file',
        'test/fixtures/promotion/prod-with-digest.yaml',
      ],
    },
    // YAML in every style the parser reads (fast path and fallback alike), and fixtures no other case reads.
    { name: 'parse', root: REPOSITORY, paths: [...yamlFiles('parse'), ...yamlFiles('app-rules'), ...yamlFiles('crds'), 'test/fixtures/overlays/app/images'] },
    { name: 'options', root: REPOSITORY, paths: [...yamlFiles('policies/run-as-non-root'), ...yamlFiles('cross')], config: 'test/fixtures/golden/options.config.yaml' },
    ...gitops.map((name) => ({ name: `gitops-${name}`, root: join(FIXTURES, 'gitops', name), paths: [] })),
  ];
}

/**
 * The JSON report as text, one finding a line and each distinct fix once per rule, so that the stored
 * reports stay small enough to review and a change shows as a readable diff. Nothing of the report is dropped.
 */
export function digest(json: string): string {
  const report = JSON.parse(json) as { version: number; summary: Record<string, number>; findings: JsonFinding[] };
  const fixes = new Map<string, Set<string>>();
  const lines = report.findings.map((finding) => {
    if (finding.fix !== null) {
      const known = fixes.get(finding.rule) ?? new Set<string>();
      fixes.set(finding.rule, known.add(finding.fix));
    }
    const place = [finding.file === finding.source ? '=' : (finding.file ?? '-'), finding.line ?? '-', finding.column ?? '-'].join(':');
    const ref = finding.resource
      ? `${finding.resource.apiVersion} ${finding.resource.kind} ${finding.resource.namespace ?? '-'}/${finding.resource.name}`
      : '-';
    return [finding.severity, finding.rule, finding.source, place, ref, finding.path ?? '-', finding.message].join(' | ');
  });
  const fixLines = [...fixes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).flatMap(([rule, texts]) => [...texts].sort().map((text) => `fix ${rule}: ${text}`));
  return [`version ${report.version} ${JSON.stringify(report.summary)}`, ...lines, ...fixLines, ''].join('\n');
}
