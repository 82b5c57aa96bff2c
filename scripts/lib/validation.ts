// One validation wiring: what a command asked for (the parsed command line) and the repository's
// configuration, turned into everything the pipeline needs. `npm run validate`, promote's gate and the tests
// that run validate in process all take it from here, so they cannot drift apart.
// This is the one module of scripts/lib that imports the rules, and only through their front door
// (scripts/rules/policies.ts): commands sit above the pipeline, the pipeline above the rules.
import { resolve } from 'node:path';
import type { Finding, Source } from './model.ts';
import type { Baseline, PipelineOptions, RepositoryCheck } from './pipeline.ts';
import type { RuleInfo } from './report/index.ts';
import type { Profile } from './rule-meta.ts';
import { customResourceValidator } from './check/crd-validator.ts';
import { SchemaValidator, VENDORED_SCHEMAS } from './check/schema-validator.ts';
import { resolveKubernetesVersion } from './cli/kubernetes-version.ts';
import { KustomizationReads } from './kustomize/kustomization-reads.ts';
import { RenderCache, renderCacheDir } from './render/render-cache.ts';
import {
  CONFIG_FILE,
  builtInConfiguration,
  loadConfig,
  policyCheck,
  gitopsFollower,
  repositoryCheck,
  RepositoryListing,
  ruleDescriptions,
  ruleListing,
  unmatchedSourcePatterns,
  type RuleConfig,
} from '../rules/policies.ts';

export { ruleListing };

/** What a run is asked for; the fields and their meaning are validate's options (scripts/lib/cli/validate-options.ts). */
export interface ValidationRequest {
  /** The repository: source names, validate.config.yaml and its CRDs are taken relative to it. */
  root: string;
  /** `--config FILE`, relative to root; the default file is optional, an explicit one must exist. */
  config?: string;
  /** `--profile`: overrides the configuration's `profile:` (default: the configuration's, else DEFAULT_PROFILE). */
  profile?: Profile;
  schemaLocations?: readonly string[];
  crdPaths?: readonly string[];
  kubernetesVersion?: string;
  ignoreMissingSchemas?: boolean;
  /** Sources loaded at once (`--jobs`). */
  jobs?: number;
  timeoutSeconds?: number;
  /** `false` keeps compiled schemas off the disk cache (tests of hostile input). */
  schemaCache?: false;
  /** `false` keeps renders off the disk cache (they are still shared within the run); default: renderCacheDir(). */
  renderCache?: false;
  /**
   * Whole-repository rules (GitOps wiring, overlay collisions); on by default. Off for one overlay checked
   * alone (promote's gate): those rules need every source, and one alone would give them a false picture.
   */
  repositoryRules?: boolean;
  /** Where the configuration's deprecation warnings go (stderr by default). */
  warn?: (line: string) => void;
}

/**
 * What only the command knows once it has looked around: the kustomize it found, the earlier render, its
 * output; `followGitOps` when it discovered the repository itself (no paths given), so that what the GitOps
 * objects found reconcile is checked too.
 */
export type RunContext = Pick<PipelineOptions, 'binary' | 'unreadableSources' | 'onSource' | 'readStdin'> & { baseline?: Baseline; followGitOps?: boolean };

export interface Validation {
  readonly config: RuleConfig;
  readonly kubernetesVersion: string;
  /** The catalogue as the report formats describe rules. */
  readonly rules: RuleInfo[];
  /** The pipeline's options for this run: validators, checks, limits. */
  pipelineOptions(run?: RunContext): PipelineOptions;
  /** Findings about the configuration against the sources found (a `sources:` pattern that matches none). */
  configurationFindings(sources: readonly Source[]): Finding[];
}

/** Reads the configuration and settles the Kubernetes version; a bad one is refused here, before any render. */
export function createValidation(request: ValidationRequest): Validation {
  const { root } = request;
  const config = loadConfig(request.config && resolve(root, request.config), root, request.warn, request.profile);
  const locations = [...(request.schemaLocations ?? []).map((dir) => resolve(root, dir)), VENDORED_SCHEMAS];
  const kubernetesVersion = resolveKubernetesVersion(request.kubernetesVersion, locations);
  const cacheDir = request.schemaCache;
  return {
    config,
    kubernetesVersion,
    rules: ruleDescriptions(),
    pipelineOptions: (run = {}) => {
      const { baseline, followGitOps, ...given } = run;
      // One listing of the repository per run, for discovery's follower and the whole-repository rules alike,
      // reading kustomization files through the same reader as the render guard.
      const kustomizationReads = new KustomizationReads();
      const listing = new RepositoryListing(root, kustomizationReads);
      const repositoryChecks: RepositoryCheck[] = request.repositoryRules === false ? [] : [repositoryCheck(config, root, baseline, listing)];
      return {
        ...given,
        root,
        // CRDs given with --crd, then the repository's, then the vendored schemas (scripts/lib/check/crd-validator.ts).
        validator: customResourceValidator(new SchemaValidator({ locations, kubernetesVersion, cacheDir }), {
          root,
          crdPaths: request.crdPaths ?? [],
          locations,
          kubernetesVersion,
        }),
        kubernetesVersion,
        ignoreMissingSchemas: request.ignoreMissingSchemas ?? false,
        concurrency: request.jobs ?? 1,
        renderTimeoutMs: request.timeoutSeconds === undefined ? undefined : request.timeoutSeconds * 1000,
        checks: [policyCheck(config, kubernetesVersion)],
        configureBuiltIn: builtInConfiguration(config),
        repositoryChecks,
        kustomizationReads,
        ...(followGitOps ? { followSources: gitopsFollower(config, listing) } : {}),
        renders: new RenderCache(request.renderCache === false ? undefined : renderCacheDir()),
      };
    },
    configurationFindings: (sources) => unmatchedSourcePatterns(config, sources, request.config ?? CONFIG_FILE),
  };
}
