// This repository's own overlays, rendered once per run through the guarded render (renderKustomization) by
// test/helpers/global-setup.ts, for the test files that only read what they render. A test of the render
// itself, of validate or of a changed overlay still renders on its own.
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { KubeObject } from '../../scripts/lib/model.ts';
import type { KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { RenderCache, renderCacheDir } from '../../scripts/lib/render/render-cache.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const REPOSITORY_OVERLAYS = ['overlays/dev', 'overlays/prod', 'overlays/canary'] as const;
export type RepositoryOverlay = (typeof REPOSITORY_OVERLAYS)[number];

/** What a test reads of a render: the objects, and the messages of its findings (empty when it rendered cleanly). */
export interface OverlayRender {
  objects: KubeObject[];
  problems: string[];
}

export const isRepositoryOverlay = (dir: string): dir is RepositoryOverlay => (REPOSITORY_OVERLAYS as readonly string[]).includes(dir);

let renders: RenderCache | undefined;

/**
 * The render cache the test helpers render through (test/gitops/repository.ts, test/overlays/rendered.ts, the
 * layouts): the one `npm run validate` keeps (renderCacheDir(), content-addressed, render-cache.ts), so a
 * fixture a helper renders and a validate run in another file renders in the same run costs one kustomize
 * run, and a rerun with unchanged fixtures costs none, as validate's own reruns do. A failed render is never
 * kept on disk (within one worker, the same inputs share one run, failure included). One per process (the global setup, each worker); OPENCLAW_RENDER_CACHE=off
 * keeps it in memory.
 */
export function sharedRenders(): RenderCache {
  renders ??= new RenderCache(renderCacheDir());
  return renders;
}

/** Renders the overlays (in vitest's main process, once per run) with the kustomize the run found. */
export async function renderRepositoryOverlays(binary: KustomizeBinary | undefined): Promise<Record<RepositoryOverlay, OverlayRender>> {
  const entries = await Promise.all(
    REPOSITORY_OVERLAYS.map(async (dir) => {
      const { resources, findings } = await renderKustomization(dir, { root: ROOT, renders: sharedRenders(), ...(binary ? { binary } : {}) });
      return [dir, { objects: resources.map((resource) => resource.object), problems: findings.map((finding) => finding.message) }] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<RepositoryOverlay, OverlayRender>;
}

/** The run's render of one of this repository's overlays (a fresh copy: a test may change what it gets). */
export function repositoryOverlay(dir: RepositoryOverlay): OverlayRender {
  const rendered = inject('overlayRenders')[dir];
  return structuredClone(rendered);
}
