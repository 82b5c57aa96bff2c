// Renders overlays as they are at a git ref (from an exported copy) or in the working tree.
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Finding, Resource } from '../model.ts';
import { mapConcurrently } from '../pipeline.ts';
import { resolveKustomize, type KustomizeBinary } from '../render/kustomize-binary.ts';
import { OriginFiles } from '../render/origin-files.ts';
import type { RenderCache } from '../render/render-cache.ts';
import { renderKustomization } from '../render/render.ts';
import { resolveCommit } from './git.ts';
import { exportTree } from './ref-tree.ts';
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
   * Renders to reuse by content address (render-cache.ts). For renderAtRef, a cache kept on disk also puts
   * the exported ref at a path named after its tree (ref-tree.ts), so that its renders can be served again.
   */
  renders?: RenderCache;
}

/**
 * Renders `overlays` (default: every overlay under overlays/ at that ref) as they are at `ref`.
 * The ref's tree is exported with `git archive` into a directory that is always removed (ref-tree.ts):
 * the user's checkout, index and worktree list are never touched. Paths in the results are
 * repository-relative, as for the working tree, so the two sides compare directly.
 */
export async function renderAtRef(root: string, ref: string, overlays?: readonly string[], options: RenderTreeOptions = {}): Promise<OverlayRender[]> {
  const commit = await resolveCommit(root, ref);
  const tree = await exportTree(root, commit, options.renders?.dir);
  try {
    return await renderTree(tree.dir, overlays ?? listOverlays(tree.dir), options);
  } finally {
    await tree.remove();
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
