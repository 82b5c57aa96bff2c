// Renders reused by content address (render-key.ts): within a run, overlays whose inputs are identical share
// one kustomize run; across runs, a successful render is kept on disk and served again while every input
// byte, the kustomize binary and the paths are the same. Failures are never kept on disk (a timeout or a
// refusal is retried next run), and a render is kept only when its inputs are as the key read them after
// kustomize read them (render-key.ts), so a file edited mid-render cannot leave a stale entry.
import { readdirSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { readBoundedFile } from '../bounded-file.ts';
import { cacheDir, writeFileAtomically } from '../cache-dir.ts';
import type { BoundedOutcome } from './bounded-process.ts';
import { RenderKeys, type RenderKeyParts } from './render-key.ts';

/** What one guarded kustomize run left: its outcome and the directory it built (origin paths are relative to it). */
export interface KustomizeRun {
  outcome: BoundedOutcome;
  /** The wrapper directory (origin annotations on) or the overlay itself (the wrapper was refused). */
  built: 'wrapper' | 'overlay';
  /** The wrapper's path in the run that produced this (it is gone by now; paths are only resolved, never opened). */
  wrapper: string;
}

/** Kept on disk at most: enough for every overlay of a large repository at a few refs. */
const MAX_ENTRIES = 512;
/** Larger renders are not kept: they are rare, and reading them back is most of their cost anyway. */
const MAX_KEPT_BYTES = 32 * 1024 * 1024;
const HEADER = { wrapper: 'openclaw-render wrapper\n', overlay: 'openclaw-render overlay\n' } as const;
/** The largest entry keep() writes: a header and a render of at most MAX_KEPT_BYTES. */
const MAX_ENTRY_BYTES = Math.max(HEADER.wrapper.length, HEADER.overlay.length) + MAX_KEPT_BYTES;

/** The default place (under the validator cache); `OPENCLAW_RENDER_CACHE=off` keeps renders off the disk. */
export function renderCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.OPENCLAW_RENDER_CACHE === 'off' ? undefined : join(cacheDir(env), 'renders');
}

export class RenderCache {
  private readonly inFlight = new Map<string, Promise<KustomizeRun>>();
  /** Counted for the benchmark and the tests: kustomize runs started, and renders served without one. */
  readonly counts = { rendered: 0, reused: 0 };
  private readonly keys = new RenderKeys();

  /** `dir`: where renders are kept between runs; undefined shares renders within this run only. */
  constructor(readonly dir?: string) {}

  /**
   * The render of the inputs `parts` describe (always run when they are not provable). `limits` joins the
   * key within the run, as a timeout or an output bound can change a failure.
   */
  async run(parts: RenderKeyParts, limits: string, maxOutputBytes: number, render: () => Promise<KustomizeRun>): Promise<KustomizeRun> {
    const renderKey = this.keys.key(parts);
    if (renderKey === undefined) {
      this.counts.rendered += 1;
      return render();
    }
    const { key } = renderKey;
    const runKey = `${key} ${limits}`;
    const shared = this.inFlight.get(runKey);
    if (shared) {
      this.counts.reused += 1;
      return shared;
    }
    const promise = this.load(key, maxOutputBytes).then(async (kept) => {
      if (kept) {
        this.counts.reused += 1;
        return kept;
      }
      this.counts.rendered += 1;
      const fresh = await render();
      // Kept only when kustomize read the bytes the key was computed from.
      if (this.dir !== undefined && succeeded(fresh.outcome) && renderKey.unchanged()) this.keep(key, fresh);
      return fresh;
    });
    this.inFlight.set(runKey, promise);
    return promise;
  }

  private file(key: string): string | undefined {
    return this.dir === undefined ? undefined : join(this.dir, `${key}.yaml`);
  }

  private async load(key: string, maxOutputBytes: number): Promise<KustomizeRun | undefined> {
    const file = this.file(key);
    if (file === undefined) return undefined;
    let bytes: Buffer;
    try {
      // Sized before it is read: an entry larger than any kept render is not ours, and is not loaded.
      bytes = readBoundedFile(file, MAX_ENTRY_BYTES);
    } catch {
      return undefined;
    }
    const built = bytes.subarray(0, HEADER.wrapper.length).toString('latin1') === HEADER.wrapper ? 'wrapper' : bytes.subarray(0, HEADER.overlay.length).toString('latin1') === HEADER.overlay ? 'overlay' : undefined;
    if (built === undefined) return undefined; // not ours, or cut short: rendered again and rewritten
    const stdout = bytes.subarray(HEADER[built].length);
    touch(file);
    // As kustomize would have: an output past the bound is refused, never cut.
    const outcome: BoundedOutcome = stdout.length > maxOutputBytes ? { kind: 'output-too-large' } : { kind: 'exited', exitCode: 0, signal: null, stdout, stderr: '' };
    return { outcome, built, wrapper: '' };
  }

  private keep(key: string, run: KustomizeRun): void {
    const file = this.file(key);
    if (file === undefined || run.outcome.kind !== 'exited' || run.outcome.stdout.length > MAX_KEPT_BYTES) return;
    try {
      // A concurrent run reads either nothing or the whole entry.
      writeFileAtomically(file, Buffer.concat([Buffer.from(HEADER[run.built], 'latin1'), run.outcome.stdout]));
      prune(this.dir!);
    } catch {
      // A cache that cannot be written costs speed, never correctness.
    }
  }
}

function succeeded(outcome: BoundedOutcome): boolean {
  return outcome.kind === 'exited' && outcome.exitCode === 0 && outcome.signal === null;
}

function touch(file: string): void {
  try {
    const now = new Date();
    utimesSync(file, now, now);
  } catch {
    // read-only cache: still served
  }
}

/** Drops the least recently used entries past MAX_ENTRIES. */
function prune(dir: string): void {
  const entries = readdirSync(dir).filter((name) => name.endsWith('.yaml'));
  if (entries.length <= MAX_ENTRIES) return;
  const aged = entries.map((name) => ({ name, mtime: statOrZero(join(dir, name)) })).sort((a, b) => a.mtime - b.mtime);
  for (const { name } of aged.slice(0, entries.length - MAX_ENTRIES)) rmSync(join(dir, name), { force: true });
}

function statOrZero(file: string): number {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}
