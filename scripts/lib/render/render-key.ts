// The content address of a render: a hash of everything kustomize's output can depend on, computed from
// the guard's walk. Only a walk that accounts for every path the kustomizations name gets a key; anything
// it cannot prove (a missing file, an inline patch named as a string, a generator reading a whole directory)
// gets none, and that overlay is rendered as if there were no cache at all.
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import type { KustomizationGraph } from '../kustomize/graph.ts';
import { readBoundedFile } from '../bounded-file.ts';
import { fileSignature } from '../file-signature.ts';
import type { KustomizeBinary } from './kustomize-binary.ts';
import { MAX_RENDER_BYTES, originWrapper } from './kustomize-run.ts';

/** Bumped whenever what a cached render means changes (its header, the wrapper, the flags) or how the key is derived. */
const KEY_FORMAT = 'openclaw-render-key/2';
/**
 * A file changed this recently may change again within the same tick of the file system's clock, leaving
 * its size and times as they were: its digest is not trusted by its stat (the "racy" case git knows too).
 * Coarse file systems keep times to 1-2 s.
 */
const RACY_WINDOW_MS = 3_000;

export interface RenderKeyParts {
  graph: KustomizationGraph;
  binary: KustomizeBinary;
  /** The exact arguments kustomize runs with, minus the directory. */
  flags: readonly string[];
  /** Real paths that appear (made relative) in kustomize's output: the overlay, the root, the scratch directory. */
  realOverlay: string;
  realRoot: string;
  scratch: string;
}

/**
 * Every file kustomize may read for this overlay, as [the path kustomize names it by, its real path], or
 * undefined when the walk did not find a file or walked directory for every reference.
 */
export function provenInputs(graph: KustomizationGraph): Array<[string, string]> | undefined {
  if (graph.problems.length > 0) return undefined;
  for (const node of graph.kustomizations) {
    for (const reference of node.references) {
      // An inline patch is text inside the kustomization, whose bytes are hashed.
      if (reference.kind === 'file-or-inline' && reference.value.includes('\n')) continue;
      if (node.includes.has(reference)) continue;
      if (!graph.files.has(resolve(node.dir, reference.value))) return undefined;
    }
  }
  return [...graph.files].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

export interface RenderKey {
  key: string;
  /** True while every input file is as it was when the key was computed (a render read the same bytes). */
  unchanged(): boolean;
}

/** One input as the key read it: its digest, and its stat when that is enough to tell it unchanged. */
interface InputSnapshot {
  real: string;
  digest: string;
  /** Undefined for a file changed within RACY_WINDOW_MS: it is compared by content. */
  signature: string | undefined;
}

/**
 * The render keys of one run. Overlays share their bases: each input file is hashed once per run and its
 * digest reused while its stat is unchanged; the kustomize binary's identity is taken once per run.
 */
export class RenderKeys {
  private readonly digests = new Map<string, { signature: string; digest: string }>();
  private readonly identities = new Map<string, string>();

  /** `now`: the clock file times are compared with (tests move it to see the stat path). */
  constructor(private readonly now: () => number = Date.now) {}

  /** The key, read from the files as they are on disk now; undefined when the inputs are not proven or a file went away. */
  key(parts: RenderKeyParts): RenderKey | undefined {
    const inputs = provenInputs(parts.graph);
    if (!inputs) return undefined;
    const hash = createHash('sha256');
    const field = (value: string) => hash.update(`${value.length}:${value}\n`);
    [KEY_FORMAT, parts.binary.command, ...parts.binary.args, parts.binary.version, this.commandIdentity(parts.binary.command), ...parts.flags].forEach(field);
    // The wrapper's text, so that changing it can never serve a render made through the old one.
    [parts.realOverlay, parts.realRoot, parts.scratch, originWrapper('overlay', parts.graph.component)].forEach(field);
    const snapshots: InputSnapshot[] = [];
    try {
      for (const [named, real] of inputs) {
        const snapshot = this.snapshot(real);
        snapshots.push(snapshot);
        [named, real, snapshot.digest].forEach(field);
      }
    } catch {
      return undefined;
    }
    return { key: hash.digest('hex'), unchanged: () => snapshots.every((snapshot) => this.unchanged(snapshot)) };
  }

  private snapshot(real: string): InputSnapshot {
    const { signature, racy } = statOf(real, this.now());
    const known = this.digests.get(real);
    if (known !== undefined && known.signature === signature) return { real, digest: known.digest, signature };
    const digest = digestOf(real);
    if (racy) return { real, digest, signature: undefined };
    this.digests.set(real, { signature, digest });
    return { real, digest, signature };
  }

  private unchanged(snapshot: InputSnapshot): boolean {
    try {
      if (snapshot.signature === undefined) return digestOf(snapshot.real) === snapshot.digest;
      return statOf(snapshot.real, this.now()).signature === snapshot.signature;
    } catch {
      return false;
    }
  }

  /** Size and modification time of the executable run, so a replaced binary of the same version is a new key. */
  private commandIdentity(command: string): string {
    let identity = this.identities.get(command);
    if (identity === undefined) {
      identity = commandIdentity(command);
      this.identities.set(command, identity);
    }
    return identity;
  }
}

/** Read as the guard reads: no link followed, no FIFO waited on, nothing past the bound (a throw is "no key"). */
function digestOf(real: string): string {
  const bytes = readBoundedFile(real, MAX_RENDER_BYTES);
  return createHash('sha256').update(`${bytes.length}:`).update(bytes).digest('hex');
}

/** What tells a file unchanged (device, inode, size, times in nanoseconds), and whether it changed too recently for that. */
function statOf(real: string, now: number): { signature: string; racy: boolean } {
  const info = statSync(real, { bigint: true });
  const changed = Number((info.ctimeNs > info.mtimeNs ? info.ctimeNs : info.mtimeNs) / 1_000_000n);
  return { signature: fileSignature(info), racy: Math.abs(now - changed) < RACY_WINDOW_MS };
}

function commandIdentity(command: string): string {
  const candidates = isAbsolute(command) ? [command] : (process.env.PATH ?? '').split(delimiter).filter(Boolean).map((dir) => join(dir, command));
  for (const candidate of candidates) {
    try {
      const info = statSync(candidate);
      if (info.isFile()) return `${candidate} ${info.size} ${info.mtimeMs}`;
    } catch {
      // not here
    }
  }
  return `${command} (not found)`;
}
