// Runs once in vitest's main process before any test file (vitest.config.ts, globalSetup): what many test
// files would otherwise each make or look up again is made here once, by a process small enough that
// starting git or kubectl from it is cheap. test/helpers/worker-setup.ts hands it to the test workers.
import type { TestProject } from 'vitest/node';
import { resolveKustomize, type KustomizeLookup } from '../../scripts/lib/render/kustomize-binary.ts';
import { createManifestRepository, removeRepository } from '../promotion/repo.ts';
import { renderRepositoryOverlays, type OverlayRender, type RepositoryOverlay } from './overlay-renders.ts';

/** The inputs of a kustomize lookup (scripts/lib/render/kustomize-binary.ts, lookupKey). */
export type LookupEnv = {
  KUSTOMIZE?: string;
  PATH?: string;
  OPENCLAW_VALIDATE_CACHE?: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    /** This repository's manifests as a one-commit git repository (test/promotion/repo.ts). */
    manifestRepository: string;
    /** The kustomize this run found, and the environment it was found with; null when none was found. */
    kustomizeLookup: { lookup: KustomizeLookup; env: LookupEnv } | null;
    /** overlays/{dev,prod,canary} of this repository, rendered once (test/helpers/overlay-renders.ts). */
    overlayRenders: Record<RepositoryOverlay, OverlayRender>;
  }
}

async function lookUpKustomize(): Promise<{ lookup: KustomizeLookup; env: LookupEnv } | null> {
  const { KUSTOMIZE, PATH, OPENCLAW_VALIDATE_CACHE } = process.env;
  const env: LookupEnv = { KUSTOMIZE, PATH, OPENCLAW_VALIDATE_CACHE };
  const notes: string[] = [];
  // No kustomize: every worker looks again and the rendering tests fail with the reason.
  const binary = await resolveKustomize(env, notes).catch(() => undefined);
  return binary ? { lookup: { binary, notes }, env } : null;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kustomize = await lookUpKustomize();
  const [manifests, overlays] = await Promise.all([createManifestRepository(), renderRepositoryOverlays(kustomize?.lookup.binary)]);
  project.provide('manifestRepository', manifests);
  project.provide('kustomizeLookup', kustomize);
  project.provide('overlayRenders', overlays);
  return () => removeRepository(manifests);
}
