// The pipeline in one direction: sources → load (render or read, parse) → check → one report.
import type { Finding, Report, Resource, Source, SourceResult } from './model.ts';
import { appendAll } from './model.ts';
import { checkResources } from './check/resource-checks.ts';
import type { ResourceValidator } from './check/crd-schemas.ts';
import type { KustomizationGraphView } from './kustomize/kustomization-graph.ts';
import { KustomizationReads } from './kustomize/kustomization-reads.ts';
import type { KustomizeBinary } from './render/kustomize-binary.ts';
import { inputFinding } from './sources/discover.ts';
import { OriginFiles } from './render/origin-files.ts';
import { ProcessSlots } from './render/process-slots.ts';
import { RenderCache } from './render/render-cache.ts';
import { loadSource } from './sources/load.ts';
import { SourceIgnores } from './sources/source-ignore.ts';

/** The same sources rendered at an earlier git ref (`--baseline REF`), by source name. */
export interface Baseline {
  ref: string;
  renders: ReadonlyMap<string, readonly Resource[]>;
}

/** A check that runs on the resources of one source after the schema checks (the policy engine is one). */
export type SourceCheck = (resources: readonly Resource[], source: Source) => Finding[];

/**
 * Applies the configuration to the findings the pipeline makes itself (schema, deprecated-api, ...), before
 * the source checks run: the catalogue treats them like every other rule.
 */
export type BuiltInConfiguration = (findings: readonly Finding[], resources: readonly Resource[], source: Source) => Finding[];

/** A check that runs once every source is loaded (GitOps wiring, overlay collisions). */
export type RepositoryCheck = (outcomes: readonly SourceOutcome[]) => Finding[];

/**
 * The sources the loaded ones lead to (the directories their GitOps objects reconcile). Asked again after each
 * round of loading until it names no source not loaded yet: every round adds a new path of the repository,
 * so the rounds end.
 */
export type SourceFollower = (outcomes: readonly SourceOutcome[]) => Source[];

export interface PipelineOptions {
  root: string;
  binary?: KustomizeBinary;
  /** Schemas: the CRDs known to the run, then the vendored files (see check/crd-schemas.ts). */
  validator: ResourceValidator;
  kubernetesVersion: string;
  ignoreMissingSchemas: boolean;
  /** Sources loaded at once; renders are separate processes (the CLI runs two per core). */
  concurrency: number;
  renderTimeoutMs?: number;
  checks?: readonly SourceCheck[];
  configureBuiltIn?: BuiltInConfiguration;
  /** Paths given that do not exist: reported by discovery, counted as sources in the summary. */
  unreadableSources?: number;
  repositoryChecks?: readonly RepositoryCheck[];
  /** Default discovery only: check what the GitOps objects of the sources reconcile too, transitively. */
  followSources?: SourceFollower;
  onSource?: (result: SourceResult, findings: readonly Finding[]) => void;
  readStdin?: () => Promise<Uint8Array>;
  /** Origin files parsed once and shared by the renders of one run (overlays share their bases); runPipeline makes one. */
  origins?: OriginFiles;
  /** Kustomization files read and parsed once per run, shared by every overlay's walk; runPipeline makes one. */
  kustomizationReads?: KustomizationReads;
  /** Renders reused by content address (scripts/lib/render/render-cache.ts); runPipeline makes one for the run when none is given. */
  renders?: RenderCache;
  /** The repository's .sourceignore files, read once per run for every Flux source; runPipeline makes one. */
  sourceIgnores?: SourceIgnores;
  /** kustomize processes alive at once (scripts/lib/render/process-slots.ts); runPipeline makes one of `concurrency` slots. */
  processes?: ProcessSlots;
}

export interface SourceOutcome {
  source: Source;
  result: SourceResult;
  /** Every finding about the source, load findings first. */
  findings: Finding[];
  /** The findings of reading or rendering it (a `render` finding means it did not render). */
  loadFindings: Finding[];
  resources: Resource[];
  /** A kustomization source's graph, walked once by the render guard (scripts/lib/kustomize/kustomization-graph.ts). */
  kustomizations?: KustomizationGraphView;
}

export async function runPipeline(sources: readonly Source[], given: PipelineOptions, initial: readonly Finding[] = []): Promise<Report> {
  const options: PipelineOptions = { ...given, origins: given.origins ?? new OriginFiles(), kustomizationReads: given.kustomizationReads ?? new KustomizationReads(), renders: given.renders ?? new RenderCache(), processes: given.processes ?? new ProcessSlots(given.concurrency), sourceIgnores: given.sourceIgnores ?? new SourceIgnores(given.root) };
  // `concurrency` kustomize processes at once; a few more sources in flight have their next render ready
  // (walked, keyed, wrapper written) for the moment a process ends, while this one checks what ended.
  const inFlight = options.concurrency + Math.max(1, Math.ceil(options.concurrency / 2));
  const load = (batch: readonly Source[]) =>
    mapConcurrently(batch, inFlight, async (source) => {
      const outcome = await checkSource(source, options);
      options.onSource?.(outcome.result, outcome.findings);
      return outcome;
    });
  const outcomes = await load(sources);
  while (options.followSources) {
    const loaded = new Set(outcomes.map((outcome) => outcome.source.path));
    const more = options.followSources(outcomes).filter((source) => !loaded.has(source.path));
    if (more.length === 0) break;
    appendAll(outcomes, await load(more));
  }
  const findings = [
    ...initial,
    ...outcomes.flatMap((outcome) => outcome.findings),
    ...(options.repositoryChecks ?? []).flatMap((check) => check(outcomes)),
  ];
  return {
    findings,
    sources: outcomes.map((outcome) => outcome.result),
    summary: {
      // A path given that could not be read is a source too: its finding is in the report, so it is counted.
      sources: outcomes.length + (options.unreadableSources ?? 0),
      resources: outcomes.reduce((sum, outcome) => sum + outcome.result.resources, 0),
      errors: findings.filter((finding) => finding.severity === 'error').length,
      warnings: findings.filter((finding) => finding.severity === 'warning').length,
    },
  };
}

export async function checkSource(source: Source, options: PipelineOptions): Promise<SourceOutcome> {
  const started = performance.now();
  const loaded = await loadSource(source, {
    root: options.root,
    binary: options.binary,
    renderTimeoutMs: options.renderTimeoutMs,
    readStdin: options.readStdin,
    origins: options.origins,
    kustomizationReads: options.kustomizationReads,
    renders: options.renders,
    processes: options.processes,
    sourceIgnores: options.sourceIgnores,
  });
  const builtIn = [...loaded.findings];
  if (loaded.resources.length === 0 && loaded.findings.length === 0) {
    builtIn.push({
      ...inputFinding(source.name, `no Kubernetes resources found in ${source.name}`, 'Give a path that holds manifests, or remove it from the arguments.'),
      severity: 'warning',
    });
  }
  appendAll(
    builtIn,
    checkResources(loaded.resources, {
      // A CRD rendered with its custom resources validates them, before any vendored schema.
      validator: options.validator.withCrds?.(loaded.resources.map((resource) => resource.object)) ?? options.validator,
      kubernetesVersion: options.kubernetesVersion,
      ignoreMissingSchemas: options.ignoreMissingSchemas,
    }),
  );
  const findings = options.configureBuiltIn ? options.configureBuiltIn(builtIn, loaded.resources, source) : builtIn;
  for (const check of options.checks ?? []) appendAll(findings, check(loaded.resources, source));
  return {
    source,
    findings,
    loadFindings: loaded.findings,
    resources: loaded.resources,
    ...(loaded.kustomizations ? { kustomizations: loaded.kustomizations } : {}),
    result: {
      source: source.name,
      kind: source.kind,
      resources: loaded.resources.length,
      durationMs: Math.round(performance.now() - started),
      ...(source.discoveredBy ? { discoveredBy: source.discoveredBy } : {}),
    },
  };
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the input order in the output. */
export async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
