// The shape of a rule: data (id, severity, description, fix, kinds) plus one pure function.
import type { Resource, Severity } from '../lib/model.ts';
import type { RuleMeta } from '../lib/rule-meta.ts';
import type { OptionSpecs } from './options.ts';
import type { ResourceIndex } from './resource-index.ts';

/**
 * The kinds of `external`: objects that exist in the cluster but not in the render (another overlay's, an
 * operator's). Names, except `pods` (label sets `key=value,key=value` of pods made outside the render) and
 * `services`, whose entries may also be such a label set (a Service a ServiceMonitor selects by labels).
 * `networkPolicies` and `podDisruptionBudgets` are objects whose selectors the render cannot show: listing any
 * tells the rules that look for them (network-policy-isolation, pdb-missing) that pods may be covered by
 * something they cannot see.
 */
export const EXTERNAL_KINDS = [
  'secrets',
  'configMaps',
  'persistentVolumeClaims',
  'serviceAccounts',
  'services',
  'pods',
  'workloads',
  'networkPolicies',
  'podDisruptionBudgets',
] as const;
export type ExternalObjects = Record<(typeof EXTERNAL_KINDS)[number], readonly string[]>;
export const NO_EXTERNAL_OBJECTS: ExternalObjects = {
  secrets: [],
  configMaps: [],
  persistentVolumeClaims: [],
  serviceAccounts: [],
  services: [],
  pods: [],
  workloads: [],
  networkPolicies: [],
  podDisruptionBudgets: [],
};

/** Settings the configuration resolves for one source (overlay), read by rules that need them. */
export interface RuleSettings {
  /** The source is configured as production (e.g. `plaintext-secret`, `image-digest` as error). */
  production: boolean;
  /** Per-rule options from the configuration file, keyed by rule id, validated against each rule's spec. */
  options: Record<string, Record<string, unknown>>;
  /** Names that references may point at although the render does not hold them (the `external` setting). */
  external: ExternalObjects;
  /** This repository's URL (the `repository` setting), which GitOps sources must name. */
  repository?: string;
  /** Applications' own config schemas named in the configuration, loaded by the configuration layer. */
  appSchemas?: ReadonlyMap<string, import('../lib/app-config/app-schema.ts').AppSchema>;
}

export interface RuleContext {
  source: string;
  resources: readonly Resource[];
  index: ResourceIndex;
  settings: RuleSettings;
  /** The run's target Kubernetes version (`--kubernetes-version`, e.g. '1.34.0'); absent: the newest vendored. */
  kubernetesVersion?: string;
}

/** What a rule reports; the engine turns it into a located Finding and applies configuration and exemptions. */
export interface Violation {
  resource: Resource;
  /** JSON pointer to the offending field ('' for the whole resource). */
  path: string;
  message: string;
  /** The container the violation is about, so an exemption can be scoped to it. */
  container?: string;
  /** Overrides the rule's default severity for this one violation (rare: e.g. a warning-level variant). */
  severity?: Severity;
}

/**
 * A rule: its catalogue entry (id, severity, description, fix, kinds; the catalogue adds the stage) plus one
 * pure function. The engine hands `check` only the resources of `kinds`.
 */
export interface Rule extends Omit<RuleMeta, 'stage' | 'configurable' | 'exemptable'> {
  /** The options the rule reads from `options.<id>`: their types and meaning (read them with optionsOf). */
  options?: OptionSpecs;
  check(context: RuleContext): Violation[];
}

/** One source as the whole-repository rules see it: what it rendered and whether that worked. */
export interface CheckedSource {
  source: import('../lib/model.ts').Source;
  resources: readonly Resource[];
  /** Findings of loading it (a `render` finding means it did not render). */
  loadFindings: readonly import('../lib/model.ts').Finding[];
  /**
   * An overlay's kustomization graph as the render guard read it, refused or not: every kustomization it
   * reaches with the paths each names (line, pointer, remote, the kustomization it includes) and each file
   * as a Resource to point findings at. Rules read kustomizations here, never from the disk.
   */
  kustomizations?: import('../lib/kustomize/kustomization-graph.ts').KustomizationGraphView;
}

/** The same sources rendered at an earlier git ref (`--baseline REF`), by source name. */
export type { Baseline } from '../lib/pipeline.ts';
import type { Baseline } from '../lib/pipeline.ts';

export interface RepositoryContext {
  /** Repository root: paths in GitOps objects are relative to it. */
  root: string;
  sources: readonly CheckedSource[];
  settings: RuleSettings;
  /** Present only with --baseline. */
  baseline?: Baseline;
  /** The repository's directory listing, kustomization files and .sourceignore, read once per run (absent: nothing listed). */
  files?: import('../lib/repository-files.ts').RepositoryFiles;
  /** What each cluster reconciles (Flux and Argo CD objects of every source), built once per run (absent: built from `sources`). */
  gitops?: import('./gitops/graph/model.ts').GitOpsGraph;
}

/**
 * A rule over the whole repository (GitOps wiring, overlay collisions): it sees every source at once.
 * Same metadata as a Rule, so configuration, exemptions, --list-rules and the docs treat both alike.
 */
export interface RepositoryRule extends Omit<Rule, 'check'> {
  scope: 'repository';
  check(context: RepositoryContext): Violation[];
}
