// How kustomize is run for a render: the flags that keep code and network off, the environment it gets,
// its limits, and what a failed run means to the user.
import { RENDER } from '../built-in-rules.ts';
import type { Finding } from '../model.ts';
import { clampTimeout, type BoundedOutcome } from './bounded-process.ts';
import type { KustomizeBinary } from './kustomize-binary.ts';

/** Output past this is refused, never cut: a partial render checked as if complete would hide what follows. */
export const MAX_RENDER_BYTES = 256 * 1024 * 1024;
/** Address space for kustomize and its children; a Go program needs about 1 GiB of it just to start. */
export const MAX_KUSTOMIZE_MEMORY_BYTES = 4 * 1024 * 1024 * 1024;
/** A port nothing listens on: should kustomize or git try the network anyway, they reach nothing. */
const CLOSED_PROXY = 'http://127.0.0.1:9';

/**
 * `kubectl kustomize` (v5.5) and `kustomize build` (v5.7) both accept these; they are the defaults,
 * spelled out so that no configuration can turn plugins (and with them exec, container and starlark
 * functions) or Helm on, and files stay inside each kustomization's own directory.
 */
export function kustomizeArgs(binary: KustomizeBinary, dir: string): string[] {
  return [...binary.args, dir, '--enable-alpha-plugins=false', '--enable-helm=false', '--load-restrictor=LoadRestrictionsRootOnly'];
}

/**
 * Only what kustomize needs: PATH (kubectl may dispatch to a versioned binary), a HOME and TMPDIR of its
 * own, the Go runtime settings, and proxies that lead nowhere with git's protocols all off, as a second
 * line behind the graph walk that refuses every remote reference.
 */
export function kustomizeEnv(env: NodeJS.ProcessEnv, home: string): NodeJS.ProcessEnv {
  return {
    PATH: env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    TMPDIR: home,
    XDG_CONFIG_HOME: home,
    ...goRuntimeEnv(env),
    HTTP_PROXY: CLOSED_PROXY,
    HTTPS_PROXY: CLOSED_PROXY,
    ALL_PROXY: CLOSED_PROXY,
    http_proxy: CLOSED_PROXY,
    https_proxy: CLOSED_PROXY,
    all_proxy: CLOSED_PROXY,
    NO_PROXY: '',
    no_proxy: '',
    GIT_ALLOW_PROTOCOL: 'none',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
  };
}

/**
 * kustomize is a short-lived Go process that spends about a third of its CPU collecting garbage it would
 * free at exit anyway; with renders running side by side that CPU is the bottleneck. The collector only
 * runs near the soft memory limit then. A user's own GOGC/GOMEMLIMIT win.
 */
export function goRuntimeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { GOGC: env.GOGC ?? 'off', GOMEMLIMIT: env.GOMEMLIMIT ?? '1GiB' };
}

/** The finding for a run that produced no usable output, or undefined when kustomize succeeded. */
export interface RunContext {
  timeoutMs: number;
  maxOutputBytes: number;
  source: string;
  /** Paths kustomize prints that mean nothing to the user (or differ per machine), mapped to what to print instead. */
  paths: ReadonlyArray<readonly [string, string]>;
}

export function renderFailure(outcome: BoundedOutcome, run: RunContext): Finding | undefined {
  const { timeoutMs, source } = run;
  switch (outcome.kind) {
    case 'timed-out':
      return renderFinding(source, `kustomize did not finish within ${Math.max(1, Math.round(clampTimeout(timeoutMs) / 1000))} s; it and every process it started were stopped`, 'Make the overlay smaller, or raise --timeout if it is simply large.');
    case 'output-too-large':
      return renderFinding(source, `kustomize printed more than ${formatBytes(run.maxOutputBytes)}; the overlay is not checked, since a part of a render cannot be checked as if it were all of it`, 'Split the overlay or remove the oversized resources.');
    case 'not-started':
      return renderFinding(source, `kustomize could not be started: ${outcome.message}`);
    case 'exited': {
      if (outcome.exitCode === 0 && outcome.signal === null) return undefined;
      const said = cleanKustomizeMessage(outcome.stderr, run.paths);
      if (exhausted(outcome, said)) {
        return renderFinding(source, `kustomize ran out of memory or CPU time (limits: ${MAX_KUSTOMIZE_MEMORY_BYTES / 1024 ** 3} GiB of address space, the --timeout in CPU seconds)`, 'Look for YAML anchors and aliases or generated content that multiplies the size of the overlay.');
      }
      const status = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.exitCode}`;
      return renderFinding(source, said === '' ? `kustomize ${status} without saying why` : said);
    }
  }
}

/**
 * kustomize ran and refused the input (an exit status, no signal, no exhausted limit): the one kind of
 * failure worth a second run on the overlay itself, whose error is then kustomize's own words about it.
 */
export function refusedInput(outcome: BoundedOutcome): boolean {
  if (outcome.kind !== 'exited' || outcome.signal !== null || outcome.exitCode === 0) return false;
  return !exhausted(outcome, outcome.stderr);
}

function exhausted(outcome: BoundedOutcome & { kind: 'exited' }, said: string): boolean {
  return /out of memory|cannot allocate memory|failed to reserve|SIGXCPU|cpu time limit/i.test(said) || outcome.signal === 'SIGXCPU' || outcome.signal === 'SIGKILL';
}

export function renderFinding(source: string, message: string, fix = RENDER.fix): Finding {
  return { rule: RENDER.id, severity: 'error', message: `kustomize build failed: ${message}`, fix, source, file: source };
}

/** klog's header (`E1202 12:00:00.000000   123 file.go:12] `), which kubectl puts before every line it logs. */
const KLOG_HEADER = /^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\s\]]+:\d+\] /;

/**
 * kustomize's message as the user would read it from `kustomize build`: without klog's headers, kubectl's
 * `"command failed" err="…"` quoting or cobra's `Error: `, and with the wrapper's and the machine's paths
 * replaced by what they mean to the user.
 */
export function cleanKustomizeMessage(stderr: string, paths: ReadonlyArray<readonly [string, string]>): string {
  const lines = stderr
    .split('\n')
    .map((line) => unquoteCommandFailed(line.replace(KLOG_HEADER, '')).replace(/^Error: /, ''))
    .filter((line) => line.trim() !== '' && line !== ' >');
  const text = paths.reduce((message, [path, shown]) => message.replaceAll(path, shown), lines.join(' '));
  return text.length > 2000 ? `${text.slice(0, 2000)}…` : text;
}

/**
 * kubectl logs `"command failed" err="<Go-quoted message>"`, or for a message of several lines
 * `"command failed" err=<`, each line after a tab, then ` >`: the message is what kustomize said.
 */
function unquoteCommandFailed(line: string): string {
  if (line === '"command failed" err=<') return '';
  if (line.startsWith('\t')) return line.slice(1);
  const match = /^"command failed" err=(".*")$/.exec(line);
  if (!match) return line;
  try {
    // A Go-quoted string of printable text reads as a JSON string.
    return JSON.parse(match[1]!) as string;
  } catch {
    return match[1]!.slice(1, -1);
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${bytes} bytes`;
}

/**
 * The wrapper kustomization that switches origin annotations on for the overlay at `fromWrapper` (relative:
 * kustomize refuses absolute resource paths). A Component is built as kustomize builds it alone: applied to
 * nothing, which only `components:` allows (`resources:` refuses it). Part of every render key (render-key.ts).
 */
export function originWrapper(fromWrapper: string, component: boolean): string {
  return `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n${component ? 'components' : 'resources'}:\n  - ${JSON.stringify(fromWrapper)}\nbuildMetadata: [originAnnotations]\n`;
}
