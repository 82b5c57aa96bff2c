// The one way this toolkit renders a kustomization: every command (validate, --baseline, diff, promote,
// smoke) calls renderKustomization, and it cannot be asked to skip its guard. Before kustomize runs, the
// kustomization graph is walked with kustomize's own reading rules and refused if it reaches outside the
// repository, names anything remote or anything that runs code. kustomize then runs with plugins, Helm
// and network off, bounded in time, output, memory and process tree; origin annotations are trusted
// only for files the walk found.
import { realpathSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import { walkKustomizationGraph, type KustomizationGraph } from '../kustomize/graph.ts';
import type { KustomizationReads } from '../kustomize/kustomization-reads.ts';
import type { Finding, Resource } from '../model.ts';
import { parseResources } from '../parse/resources.ts';
import { displayPath, inputFinding, repositoryBoundary } from '../sources/discover.ts';
import { runBounded } from './bounded-process.ts';
import { ImageOverrides } from './image-overrides.ts';
import { trackTemporaryDirectory } from './interrupt.ts';
import { kustomizeArgs, kustomizeEnv, MAX_KUSTOMIZE_MEMORY_BYTES, MAX_RENDER_BYTES, originWrapper, refusedInput, renderFailure, renderFinding } from './kustomize-run.ts';
import { defaultKustomize, type KustomizeBinary } from './kustomize-binary.ts';
import { OriginFiles } from './origin-files.ts';
import type { ProcessSlots } from './process-slots.ts';
import type { KustomizeRun, RenderCache } from './render-cache.ts';
import { withOrigin } from './provenance.ts';

export interface RenderOptions {
  /** Resolved once by the caller; resolved here when omitted. */
  binary?: KustomizeBinary;
  /** Shown in findings as the source; defaults to the directory relative to `root`. */
  source?: string;
  /** Paths in findings are relative to it (default: the working directory). */
  root?: string;
  /** Nothing outside it is read (default: the overlay's git work tree, or `root` when that is inside the work tree and holds the overlay; see repositoryBoundary). */
  boundary?: string;
  /** Wall-clock limit for kustomize (default 120 s; values past Node's timer range are clamped). */
  timeoutMs?: number;
  /** Output past this many bytes is refused, never cut (default 256 MiB; tests set it low). */
  maxOutputBytes?: number;
  /**
   * Parsed origin files, shared by the renders of one run so overlays parse their common bases once
   * (default: a cache for this render only, so nothing outlives the run).
   */
  origins?: OriginFiles;
  /** Kustomization files read once per run and shared by the guard's walks (default: this render only). */
  kustomizationReads?: KustomizationReads;
  /** Limits the kustomize processes of a run alive at once (default: this render runs kustomize as soon as it is ready). */
  processes?: ProcessSlots;
  /**
   * Renders reused by content address: identical inputs render once per run, and with a directory a
   * successful render is served again in later runs while every input byte is the same (render-cache.ts).
   * Default: none, every call runs kustomize.
   */
  renders?: RenderCache;
}

export interface RenderResult {
  resources: Resource[];
  /** Why it was refused or failed (`input`/`render` errors), then what parsing the output reported. */
  findings: Finding[];
  /** True when nothing was rendered: refused by the guard, or kustomize failed, timed out or overflowed. */
  failed: boolean;
  /** What the guard's walk read, refused or not: the repository model's kustomization graph of the overlay. */
  graph: KustomizationGraph;
}

const DEFAULT_TIMEOUT_MS = 120_000;

/**
 * Renders the kustomization in `dir` (relative to `root` or absolute). Never throws for anything the
 * repository holds: a refusal or failure is a finding and `failed: true`, with no resources at all.
 */
export async function renderKustomization(dir: string, options: RenderOptions = {}): Promise<RenderResult> {
  const root = options.root ?? process.cwd();
  const overlay = resolve(root, dir);
  const source = options.source ?? displayPath(root, overlay);
  const graph = walkKustomizationGraph(overlay, options.boundary ?? repositoryBoundary(root, overlay), options.kustomizationReads);
  if (graph.problems.length > 0) {
    const findings = graph.problems.map((problem) => {
      const file = displayPath(root, problem.file);
      const finding = inputFinding(source, `${file} ${problem.message}; the overlay is not rendered`, problem.fix, file);
      return problem.line === undefined ? finding : { ...finding, line: problem.line };
    });
    return { resources: [], findings, failed: true, graph };
  }
  const binary = options.binary ?? (await defaultKustomize());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxOutputBytes = options.maxOutputBytes ?? MAX_RENDER_BYTES;
  const realOverlay = realpathSync(overlay);
  const realRoot = realpathSync(root);
  const scratch = realpathSync(tmpdir());
  const kustomize = () => runKustomize({ binary, scratch, realOverlay, component: graph.component, timeoutMs, maxOutputBytes, processes: options.processes });
  let run: KustomizeRun;
  if (options.renders) {
    const keyParts = { graph, binary, flags: kustomizeArgs(binary, ''), realOverlay, realRoot, scratch };
    run = await options.renders.run(keyParts, `${timeoutMs} ${maxOutputBytes}`, maxOutputBytes, kustomize);
  } else run = await kustomize();
  const { outcome } = run;
  // A render served from the cache ran in a wrapper that is gone: origin paths resolve (never open) against
  // any directory beside it, since the relative path from there to the overlay is the same.
  const wrapper = run.wrapper || join(scratch, 'openclaw-render-reused');
  const built = run.built === 'wrapper' ? wrapper : realOverlay;
  const paths = [[relative(wrapper, realOverlay), source], [realOverlay, source], [`${realRoot}${sep}`, ''], [wrapper, '<render>']] as const;
  const failure = renderFailure(outcome, { timeoutMs, maxOutputBytes, source, paths });
  if (failure !== undefined || outcome.kind !== 'exited') return { resources: [], findings: [failure ?? renderFinding(source, 'kustomize did not run')], failed: true, graph };
  const parsed = parseResources(outcome.stdout.toString('utf8'), { source, file: source });
  const context = { wrapper: built, root: realRoot, files: graph.files, origins: options.origins ?? new OriginFiles(), images: new ImageOverrides(overlay, root) };
  let untrusted = 0;
  const resources = parsed.resources.map((resource) => {
    const traced = withOrigin(resource, context);
    if (traced.untrusted) untrusted += 1;
    return traced.resource;
  });
  const findings = [...parsed.findings];
  if (untrusted > 0) {
    findings.push({
      ...inputFinding(source, `${untrusted} rendered resource(s) carry a ${'config.kubernetes.io/origin'} annotation naming a file this overlay does not use; they are checked and shown as coming from the overlay`, 'Do not set config.kubernetes.io/origin in commonAnnotations or patches: kustomize sets it.'),
      severity: 'warning',
    });
  }
  return { resources, findings, failed: false, graph };
}

interface KustomizeJob {
  binary: KustomizeBinary;
  scratch: string;
  realOverlay: string;
  component: boolean;
  timeoutMs: number;
  maxOutputBytes: number;
  processes: ProcessSlots | undefined;
}

/** kustomize on a wrapper that switches origin annotations on, then on the overlay itself if kustomize refused the wrapper. */
async function runKustomize(job: KustomizeJob): Promise<KustomizeRun> {
  const wrapper = realpathSync(await mkdtemp(join(job.scratch, 'openclaw-render-')));
  const untrack = trackTemporaryDirectory(wrapper);
  try {
    // The wrapper switches on origin annotations without touching the user's tree.
    await writeFile(join(wrapper, 'kustomization.yaml'), originWrapper(relative(wrapper, job.realOverlay), job.component));
    const start = (dir: string) => () =>
      runBounded({
        command: job.binary.command,
        args: kustomizeArgs(job.binary, dir),
        env: kustomizeEnv(process.env, wrapper),
        timeoutMs: job.timeoutMs,
        maxStdoutBytes: job.maxOutputBytes,
        maxMemoryBytes: MAX_KUSTOMIZE_MEMORY_BYTES,
      });
    // The wrapper is written before a slot is taken, so a slot handed over starts kustomize at once.
    const run = (dir: string) => (job.processes ? job.processes.run(start(dir)) : start(dir)());
    const outcome = await run(wrapper);
    // The wrapper's error wraps kustomize's own, and a build only the wrapper breaks must still render as
    // `kustomize build` renders it: the same guarded run on the overlay itself, without origin annotations.
    if (refusedInput(outcome)) return { outcome: await run(job.realOverlay), built: 'overlay', wrapper };
    return { outcome, built: 'wrapper', wrapper };
  } finally {
    await rm(wrapper, { recursive: true, force: true });
    untrack();
  }
}

export { cleanKustomizeMessage, goRuntimeEnv, renderFinding } from './kustomize-run.ts';
