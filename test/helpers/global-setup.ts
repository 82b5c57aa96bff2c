// Runs once in vitest's main process before any test file (vitest.config.ts, globalSetup): fixtures that
// many tests copy are made here once, by a process small enough that starting git from it is cheap.
import type { TestProject } from 'vitest/node';
import { createManifestRepository, removeRepository } from '../promotion/repo.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This repository's manifests as a one-commit git repository (test/promotion/repo.ts). */
    manifestRepository: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const manifests = await createManifestRepository();
  project.provide('manifestRepository', manifests);
  return () => removeRepository(manifests);
}
