// `npm run bench`: the two speed ratios the toolkit is held to, with the absolute figures behind them.
//   (a) scale: validating 40 prod-like overlays vs rendering them one after the other with bare kustomize,
//       cold (no kept renders: every overlay rendered by kustomize) and warm (renders kept by an earlier run).
//   (b) throughput: validating one file of 10,000 resources vs merely parsing it with the yaml package.
//   (c) cold start: the repository with an empty validator cache vs a warm one (no target; for CI caching).
//   Also: start-up on one tiny file, peak memory of the 10,000-resource run, and kubeconform on the same
//   file and schemas when KUBECONFORM=/path/to/kubeconform is given. Nothing here downloads it: build it with
//   `go install github.com/yannh/kubeconform/cmd/kubeconform@latest` (the binary lands in $(go env GOPATH)/bin)
//   or unpack the linux-amd64 archive from the project's GitHub releases, then
//   `KUBECONFORM=$HOME/go/bin/kubeconform npm run bench`.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { staleBuild } from '../bin/launch.mjs';
import { writeThroughputInput } from './bench/throughput-input.ts';
import { fallbackCount, parseYamlDocuments } from './lib/parse/yaml-documents.ts';
import { resolveKustomize, type KustomizeBinary } from './lib/render/kustomize-binary.ts';
import { renderCacheDir } from './lib/render/render-cache.ts';
import { renderKustomization } from './lib/render/render.ts';
import { vendoredVersions } from './lib/check/schema-locations.ts';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const OVERLAY_COUNT = 40;
const RESOURCE_COUNT = 10_000;
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

/** The prod overlay when the repository has one; the test fixture overlay otherwise. */
function benchOverlay(): string {
  const prod = join(ROOT, 'overlays', 'prod');
  return existsSync(prod) ? prod : join(ROOT, 'test', 'fixtures', 'overlays', 'app', 'overlay');
}

async function timed(command: string, args: readonly string[]): Promise<number> {
  const started = performance.now();
  // Exit 1 (findings) is a normal outcome here; exit 2 means the measurement is void.
  const result = await execa(command, args, { cwd: ROOT, reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } });
  if (result.exitCode !== 0 && result.exitCode !== 1) {
    throw new Error(`${command} ${args.slice(0, 3).join(' ')} failed (exit ${result.exitCode}): ${String(result.stderr).slice(0, 500)}`);
  }
  return (performance.now() - started) / 1000;
}

/** A run that rendered nothing would be fast for the wrong reason: the measured run must check everything. */
async function checkedResources(paths: readonly string[]): Promise<number> {
  const result = await execa(process.execPath, validateArgs(paths), { cwd: ROOT, reject: false, stdin: 'ignore', env: { NO_COLOR: '1' } });
  const report = JSON.parse(String(result.stdout)) as { summary: { resources: number }; findings: Array<{ rule: string; severity: string; message: string }> };
  const broken = report.findings.find((f) => f.severity === 'error' && ['input', 'render', 'yaml-syntax', 'unknown-kind'].includes(f.rule));
  if (broken) throw new Error(`the benchmark input does not validate cleanly: ${broken.rule}: ${broken.message}`);
  return report.summary.resources;
}

async function median(runs: number, measure: () => Promise<number>, before?: () => void): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.(); // not timed
    times.push(await measure());
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// What `npm run validate` starts (the build in dist/ when it is up to date), without npm's own start-up.
const validateArgs = (paths: readonly string[]) => [join(ROOT, 'bin', 'launch.mjs'), 'validate', ...paths, '--quiet', '--format', 'json'];

/** Maximum resident set size of a whole run, from GNU time; undefined where /usr/bin/time is missing. */
async function peakRssMegabytes(command: string, args: readonly string[]): Promise<number | undefined> {
  if (!existsSync('/usr/bin/time')) return undefined;
  const result = await execa('/usr/bin/time', ['-v', command, ...args], { cwd: ROOT, reject: false, stdin: 'ignore', stdout: 'ignore', env: { NO_COLOR: '1' } });
  const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(String(result.stderr));
  return match ? Number(match[1]) / 1024 : undefined;
}

/** kubeconform pointed at this repository's schemas/, so both tools check the same schemas. */
function kubeconformArgs(file: string): string[] {
  // The newest vendored Kubernetes version, as validate's default.
  const newest = vendoredVersions(join(ROOT, 'schemas'))[0];
  if (!newest) throw new Error('schemas/ holds no vX.Y.Z-standalone-strict directory for kubeconform');
  return [
    '-strict',
    '-summary',
    '-kubernetes-version',
    newest,
    '-schema-location',
    join(ROOT, 'schemas', '{{.NormalizedKubernetesVersion}}-standalone{{.StrictSuffix}}', '{{.ResourceKind}}{{.KindSuffix}}.json'),
    '-schema-location',
    join(ROOT, 'schemas', '{{.Group}}', '{{.ResourceKind}}_{{.ResourceAPIVersion}}.json'),
    file,
  ];
}

/** The binary KUBECONFORM names, refused up front when it cannot run, rather than half-way through the bench. */
async function kubeconformBinary(): Promise<string | undefined> {
  const binary = process.env.KUBECONFORM;
  if (!binary) return undefined;
  const result = await execa(binary, ['-v'], { reject: false, stdin: 'ignore', timeout: 15_000 });
  if (result.failed && result.exitCode === undefined) throw new Error(`KUBECONFORM=${binary} cannot be run: ${result.shortMessage}`);
  return binary;
}

function makeOverlays(workdir: string, base: string): string[] {
  return Array.from({ length: OVERLAY_COUNT }, (_, i) => {
    const dir = join(workdir, `overlay-${String(i).padStart(2, '0')}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'kustomization.yaml'), `resources:\n  - ${relative(dir, base)}\nnameSuffix: -b${i}\n`);
    return dir;
  });
}

async function benchScale(workdir: string, binary: KustomizeBinary): Promise<void> {
  mkdirSync(join(workdir, 'overlays'));
  const overlays = makeOverlays(join(workdir, 'overlays'), benchOverlay());
  const perOverlay = await checkedResources(overlays.slice(0, 1)); // also warms the schema cache
  const total = await checkedResources(overlays);
  if (total !== perOverlay * OVERLAY_COUNT) throw new Error(`expected ${perOverlay * OVERLAY_COUNT} resources from ${OVERLAY_COUNT} overlays, validate checked ${total}`);
  // Cold: no render kept from an earlier run, so kustomize renders every overlay; warm: all 40 kept.
  const renders = renderCacheDir();
  const forget = () => {
    if (renders) rmSync(renders, { recursive: true, force: true });
  };
  const cold = await median(RUNS, () => timed(process.execPath, validateArgs(overlays)), forget);
  await timed(process.execPath, validateArgs(overlays));
  const warm = await median(RUNS, () => timed(process.execPath, validateArgs(overlays)));
  const sequential = await median(RUNS, async () => {
    let total = 0;
    for (const overlay of overlays) total += await timed(binary.command, [...binary.args, overlay]);
    return total;
  });
  console.log(`(a) scale: ${OVERLAY_COUNT} overlays of ${relative(ROOT, benchOverlay())}, ${total} resources checked`);
  console.log(`    npm run validate, cold (every overlay rendered): ${cold.toFixed(2)} s`);
  console.log(`    npm run validate, warm (renders kept):            ${renders ? `${warm.toFixed(2)} s` : 'not measured (OPENCLAW_RENDER_CACHE=off)'}`);
  console.log(`    kustomize build, one after another:               ${sequential.toFixed(2)} s  (${binary.origin}, ${binary.version})`);
  console.log(`    ratio cold: ${(cold / sequential).toFixed(2)}  warm: ${renders ? (warm / sequential).toFixed(2) : '-'}  (target <= 0.5)`);
}

async function benchThroughput(workdir: string, binary: KustomizeBinary): Promise<void> {
  const { resources } = await renderKustomization(benchOverlay(), { binary, root: ROOT });
  const file = join(workdir, 'resources.yaml');
  writeThroughputInput(
    file,
    resources.map((resource) => resource.object),
    RESOURCE_COUNT,
  );
  const checked = await checkedResources([file]); // also warms the schema cache
  if (checked !== RESOURCE_COUNT) throw new Error(`expected ${RESOURCE_COUNT} resources, validate checked ${checked}`);
  const validate = await median(RUNS, () => timed(process.execPath, validateArgs([file])));
  // Built like validate when the build is current, so neither side pays for transpiling at start-up.
  const parseOnly = staleBuild(ROOT) ? ['--import', 'tsx', join(ROOT, 'scripts', 'bench', 'parse-only.ts')] : [join(ROOT, 'dist', 'bench', 'parse-only.js')];
  const parse = await median(RUNS, () => timed(process.execPath, [...parseOnly, file]));
  console.log(`(b) throughput: one file of ${RESOURCE_COUNT} resources`);
  console.log(`    npm run validate (all checks): ${validate.toFixed(2)} s  = ${Math.round(RESOURCE_COUNT / validate)} resources/s`);
  console.log(`    parse only (yaml package):     ${parse.toFixed(2)} s`);
  console.log(`    ratio: ${(validate / parse).toFixed(2)}  (target <= 1.5)`);
  const kubeconform = await kubeconformBinary();
  if (kubeconform) {
    const reference = await median(RUNS, () => timed(kubeconform, kubeconformArgs(file)));
    console.log(`    kubeconform -strict, same schemas: ${reference.toFixed(2)} s  ratio validate / kubeconform: ${(validate / reference).toFixed(2)}  (target <= 1)`);
  } else console.log('    kubeconform: not measured (KUBECONFORM=/path/to/kubeconform adds it; see the top of scripts/bench.ts)');
  Object.assign(fallbackCount, { documents: 0, texts: 0, positions: 0 });
  parseYamlDocuments(readFileSync(file, 'utf8'));
  console.log(`    fast YAML reader: ${fallbackCount.documents} of ${RESOURCE_COUNT} documents handed to the yaml package${fallbackCount.texts > 0 ? ', and the whole file' : ''}`);
  const peak = await peakRssMegabytes(process.execPath, validateArgs([file]));
  console.log(`    peak memory (max RSS): ${peak === undefined ? 'not measured (no /usr/bin/time)' : `${Math.round(peak)} MB`}  (target <= 500 MB)`);
}

/** A run over one tiny file is all start-up: module loading, configuration, one schema from the cache. */
async function benchStartUp(workdir: string): Promise<void> {
  const file = join(workdir, 'tiny.yaml');
  writeFileSync(file, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tiny\ndata:\n  key: value\n');
  await checkedResources([file]); // warms the schema cache, as every run after the first finds it
  const runs = Math.max(RUNS, 5);
  const validate = await median(runs, () => timed(process.execPath, validateArgs([file])));
  const node = await median(runs, () => timed(process.execPath, ['-e', '0']));
  console.log('(d) start-up: one tiny file');
  console.log(`    npm run validate (bin/launch.mjs): ${validate.toFixed(2)} s  (target <= 0.3)`);
  console.log(`    node -e 0, for reference:          ${node.toFixed(2)} s`);
  const kubeconform = await kubeconformBinary();
  if (kubeconform) {
    const reference = await median(runs, () => timed(kubeconform, kubeconformArgs(file)));
    console.log(`    kubeconform:                       ${reference.toFixed(2)} s  ratio ${(validate / reference).toFixed(1)}`);
  }
}

/** What CI without a cache pays: the repository validated with an empty cache, against a warm one. */
async function benchColdStart(workdir: string): Promise<void> {
  const args = validateArgs([]);
  const run = (cache: string) => {
    const started = performance.now();
    return execa(process.execPath, args, { cwd: ROOT, reject: false, stdin: 'ignore', env: { NO_COLOR: '1', OPENCLAW_VALIDATE_CACHE: cache } }).then(
      () => (performance.now() - started) / 1000,
    );
  };
  let fresh = 0;
  const cold = await median(RUNS, () => run(join(workdir, `cold-${fresh++}`)));
  const warmCache = join(workdir, 'warm');
  await run(warmCache);
  const warm = await median(RUNS, () => run(warmCache));
  console.log('(c) cold start: npm run validate on this repository');
  console.log(`    empty cache (validators compiled): ${cold.toFixed(2)} s`);
  console.log(`    warm cache (compiled code loaded): ${warm.toFixed(2)} s`);
}

async function main(): Promise<void> {
  const binary = await resolveKustomize();
  // Inside the repository: validate refuses overlays that reach outside the repository they are in.
  const scratch = join(ROOT, 'node_modules', '.cache');
  mkdirSync(scratch, { recursive: true });
  const workdir = mkdtempSync(join(scratch, 'openclaw-bench-'));
  console.log(`median of ${RUNS} runs each, whole processes, ${process.version}`);
  try {
    await benchScale(workdir, binary);
    await benchThroughput(workdir, binary);
    await benchColdStart(workdir);
    await benchStartUp(workdir);
  } finally {
    rmSync(workdir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
});
