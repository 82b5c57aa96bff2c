// `--baseline REF`: renders the same overlays at REF, for the rules that compare with an earlier render.
import type { Baseline } from '../pipeline.ts';
import { renderAtRef } from '../release/render-at-ref.ts';
import type { Finding, Resource, Source } from '../model.ts';
import type { KustomizeBinary } from '../render/kustomize-binary.ts';
import { RenderCache, renderCacheDir } from '../render/render-cache.ts';

export interface RenderedBaseline {
  baseline: Baseline;
  /** An overlay that exists at REF but does not render there cannot be compared: said, not skipped. */
  findings: Finding[];
}

export async function renderBaseline(
  ref: string,
  options: { root: string; sources: readonly Source[]; binary?: KustomizeBinary; timeoutMs?: number; concurrency?: number },
): Promise<RenderedBaseline> {
  const overlays = options.sources.filter((source) => source.kind === 'kustomization').map((source) => source.name);
  const renders = new Map<string, Resource[]>();
  const findings: Finding[] = [];
  if (overlays.length === 0) return { baseline: { ref, renders }, findings };
  // Kept on disk like the working tree's renders: a rerun against the same baseline renders none of it again (ref-tree.ts).
  const kept = new RenderCache(renderCacheDir());
  for (const render of await renderAtRef(options.root, ref, overlays, { binary: options.binary, timeoutMs: options.timeoutMs, concurrency: options.concurrency, renders: kept })) {
    // An overlay that is new at the working tree has no earlier selectors to keep.
    if (!render.exists) continue;
    if (render.failed) {
      findings.push({
        rule: 'input',
        severity: 'warning',
        message: `${render.overlay} does not render at ${ref}, so it is not compared with the baseline`,
        fix: `Choose a --baseline ref at which the overlay renders, or ignore this for the first fixed commit.`,
        source: render.overlay,
        file: render.overlay,
      });
      continue;
    }
    renders.set(render.overlay, render.resources);
  }
  return { baseline: { ref, renders }, findings };
}
