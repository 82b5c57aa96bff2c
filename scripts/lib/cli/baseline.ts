// `--baseline REF`: renders the same overlays at REF so that changes the API server refuses are caught now.
import { resolveSettings, type RuleConfig } from '../../rules/config.ts';
import { violationFinding } from '../../rules/engine.ts';
import { selectorChanges, selectorImmutable } from '../../rules/cross/selector-immutable.ts';
import { renderAtRef } from '../gitops/render-at-ref.ts';
import type { Resource, Source } from '../model.ts';
import type { RepositoryCheck } from '../pipeline.ts';
import type { KustomizeBinary } from '../render/kustomize-binary.ts';

/** Renders the baseline first (async), then returns the check that compares it with this run's renders. */
export async function baselineCheck(
  ref: string,
  options: { root: string; sources: readonly Source[]; config: RuleConfig; binary?: KustomizeBinary },
): Promise<RepositoryCheck> {
  const overlays = options.sources.filter((source) => source.kind === 'kustomization').map((source) => source.name);
  const baseline = new Map<string, Resource[]>();
  if (overlays.length > 0) {
    for (const render of await renderAtRef(options.root, ref, overlays, { binary: options.binary })) {
      // An overlay that is new, or did not render at REF, has no selectors to keep.
      if (render.exists && !render.failed) baseline.set(render.overlay, render.resources);
    }
  }
  return (outcomes) =>
    outcomes.flatMap((outcome) => {
      const before = baseline.get(outcome.source.name);
      const setting = resolveSettings(options.config, outcome.source.name).rules[selectorImmutable.id];
      if (!before || setting === 'off') return [];
      return selectorChanges(before, outcome.resources).map((violation) =>
        violationFinding(selectorImmutable, { ...violation, message: `${violation.message} (compared with ${ref})` }, setting),
      );
    });
}
