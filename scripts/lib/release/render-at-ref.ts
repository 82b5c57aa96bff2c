// Renders overlays as they are at a git ref (from an exported copy) or in the working tree.
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import type { Finding, Resource } from '../model.ts';
import { mapConcurrently } from '../pipeline.ts';
import { resolveKustomize, type KustomizeBinary } from '../render/kustomize-binary.ts';
import { trackTemporaryDirectory } from '../render/interrupt.ts';
import { OriginFiles } from '../render/origin-files.ts';
import type { RenderCache } from '../render/render-cache.ts';
import { renderKustomization } from '../render/render.ts';
import { resolveCommit } from './git.ts';
import { kustomizationFile } from '../sources/discover.ts';
import { listOverlays } from './overlays.ts';

export interface OverlayRender {
  /** Repository-relative directory, e.g. 'overlays/prod'. */
  overlay: string;
  /** False when the directory has no kustomization on this side. */
  exists: boolean;
  /** True when the guarded render refused it or kustomize could not build it; `findings` says why. */
  failed: boolean;
  resources: Resource[];
  /** What rendering or parsing reported (an `input` or `render` error when it failed). */
  findings: Finding[];
}

export interface RenderTreeOptions {
  binary?: KustomizeBinary;
  concurrency?: number;
  timeoutMs?: number;
  /**
   * Renders to reuse by content address (render-cache.ts). Only for trees whose paths outlive the run (the
   * working tree, or a copy the same run renders twice): an exported ref gets a new directory each time, so
   * its renders could never be served again.
   */
  renders?: RenderCache;
}

/**
 * Renders `overlays` (default: every overlay under overlays/ at that ref) as they are at `ref`.
 * The ref's tree is exported with `git archive` into a temporary directory that is always removed:
 * the user's checkout, index and worktree list are never touched. Paths in the results are
 * repository-relative, as for the working tree, so the two sides compare directly.
 */
export async function renderAtRef(root: string, ref: string, overlays?: readonly string[], options: RenderTreeOptions = {}): Promise<OverlayRender[]> {
  const commit = await resolveCommit(root, ref);
  const tree = await mkdtemp(join(tmpdir(), 'openclaw-ref-'));
  const untrack = trackTemporaryDirectory(tree);
  try {
    await exportCommit(root, commit, tree);
    return await renderTree(tree, overlays ?? listOverlays(tree), options);
  } finally {
    await rm(tree, { recursive: true, force: true });
    untrack();
  }
}

/** The same as renderAtRef for the files on disk now, committed or not. */
export function renderWorkingTree(root: string, overlays?: readonly string[], options: RenderTreeOptions = {}): Promise<OverlayRender[]> {
  return renderTree(root, overlays ?? listOverlays(root), options);
}

export async function renderTree(tree: string, overlays: readonly string[], options: RenderTreeOptions = {}): Promise<OverlayRender[]> {
  const present = overlays.filter((overlay) => kustomizationFile(join(tree, overlay)) !== undefined);
  const binary = present.length > 0 ? (options.binary ?? (await resolveKustomize())) : undefined;
  const origins = new OriginFiles();
  return mapConcurrently(overlays, options.concurrency ?? availableParallelism(), async (overlay): Promise<OverlayRender> => {
    if (!present.includes(overlay)) return { overlay, exists: false, failed: false, resources: [], findings: [] };
    const result = await renderKustomization(join(tree, overlay), { root: tree, source: overlay, binary, timeoutMs: options.timeoutMs, origins, renders: options.renders });
    return {
      overlay,
      exists: true,
      failed: result.failed,
      resources: result.resources,
      findings: result.findings,
    };
  });
}

/** `git archive <commit> | tar -x -C <dir>`, as two processes joined by execa, no shell. */
export async function exportCommit(root: string, commit: string, dir: string): Promise<void> {
  await execa('git', ['archive', '--format=tar', commit], { cwd: root, stdin: 'ignore' }).pipe('tar', ['-x', '-f', '-', '-C', dir]);
}
