// The checks `npm run validate` runs on one overlay, for commands that must not write a broken overlay.
import { resolve } from 'node:path';
import type { Report } from '../model.ts';
import { customResourceValidator } from '../check/crd-validator.ts';
import { SchemaValidator, VENDORED_SCHEMAS } from '../check/schema-validator.ts';
import { resolveKubernetesVersion } from '../cli/kubernetes-version.ts';
import { builtInConfiguration, loadConfig, policyCheck } from '../../rules/policies.ts';
import { runPipeline } from '../pipeline.ts';
import { resolveKustomize, type KustomizeBinary } from '../render/kustomize-binary.ts';
import { displayPath } from '../sources/discover.ts';

export interface ValidateOverlayOptions {
  /** Source names and the rule configuration (validate.config.yaml) are taken relative to it. */
  root?: string;
  binary?: KustomizeBinary;
  ignoreMissingSchemas?: boolean;
  kubernetesVersion?: string;
}

/**
 * Renders `dir` and runs schema checks and the per-source policies, configured by the root's
 * validate.config.yaml. Whole-repository rules (GitOps wiring) are left to `npm run validate`:
 * they need every source, and one overlay alone would give them a false picture.
 */
export async function validateOverlay(dir: string, options: ValidateOverlayOptions = {}): Promise<Report> {
  const root = options.root ?? process.cwd();
  const path = resolve(root, dir);
  const config = loadConfig(undefined, root);
  const locations = [VENDORED_SCHEMAS];
  const kubernetesVersion = resolveKubernetesVersion(options.kubernetesVersion, locations);
  return runPipeline([{ kind: 'kustomization', name: displayPath(root, path), path }], {
    root,
    binary: options.binary ?? (await resolveKustomize()),
    // The same per-source checks as `npm run validate`: CRDs of the repository and the render, built-in
    // rules configured and exempted, so promote never writes what the CI gate would then refuse.
    validator: customResourceValidator(new SchemaValidator({ locations, kubernetesVersion }), { root, crdPaths: [], locations, kubernetesVersion }),
    kubernetesVersion,
    ignoreMissingSchemas: options.ignoreMissingSchemas ?? false,
    concurrency: 1,
    checks: [policyCheck(config)],
    configureBuiltIn: builtInConfiguration(config),
  });
}
