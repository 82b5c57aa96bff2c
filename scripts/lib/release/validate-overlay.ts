// The checks `npm run validate` runs on one overlay, for commands that must not write a broken overlay.
import { resolve } from 'node:path';
import type { Report } from '../model.ts';
import { runPipeline } from '../pipeline.ts';
import { resolveKustomize, type KustomizeBinary } from '../render/kustomize-binary.ts';
import { displayPath } from '../sources/discover.ts';
import { createValidation } from '../validation.ts';

export interface ValidateOverlayOptions {
  /** Source names and the rule configuration (validate.config.yaml) are taken relative to it. */
  root?: string;
  binary?: KustomizeBinary;
  ignoreMissingSchemas?: boolean;
  kubernetesVersion?: string;
}

/**
 * Renders `dir` and runs schema checks and the per-source policies, configured by the root's
 * validate.config.yaml, wired as `npm run validate` wires them (CRDs of the repository and the render,
 * built-in rules configured and exempted), so promote never writes what the CI gate would then refuse.
 * Whole-repository rules (GitOps wiring) are left to `npm run validate`: they need every source, and one
 * overlay alone would give them a false picture.
 */
export async function validateOverlay(dir: string, options: ValidateOverlayOptions = {}): Promise<Report> {
  const root = options.root ?? process.cwd();
  const path = resolve(root, dir);
  const validation = createValidation({ ...options, root, repositoryRules: false });
  const binary = options.binary ?? (await resolveKustomize());
  return runPipeline([{ kind: 'kustomization', name: displayPath(root, path), path }], validation.pipelineOptions({ binary }));
}
