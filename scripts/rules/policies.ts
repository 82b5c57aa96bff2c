// The rules as a command wires them into the pipeline: the configuration, the checks it adds, the listings.
// scripts/lib/validation.ts, the pipeline's one door to the rules, imports this; nothing else in scripts/lib does.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE, defaultRuleConfig, loadRuleConfig, resolveSettings, sourceMatches, type RuleConfig } from './config.ts';
import { evaluateRules } from './engine.ts';
import { configureBuiltInFindings } from './built-in-engine.ts';
import { evaluateRepositoryRules } from './repository-engine.ts';
import { formatRuleList } from './list.ts';
import { catalogue, type CatalogueEntry } from './registry.ts';
import type { Baseline, CheckedSource } from './rule.ts';
import { ConfigError } from '../lib/cli/config-error.ts';
import type { Finding, Source } from '../lib/model.ts';
import { DEFAULT_PROFILE, type Profile } from '../lib/rule-meta.ts';
import type { BuiltInConfiguration, RepositoryCheck, SourceCheck, SourceFollower, SourceOutcome } from '../lib/pipeline.ts';
import { readRepositoryFiles, type RepositoryFiles } from '../lib/repository-files.ts';
import type { KustomizationReads } from '../lib/kustomize/kustomization-reads.ts';
import { reconciledDirectories } from './gitops/graph/follow.ts';
import type { RuleInfo } from '../lib/report/index.ts';
import { loadAppSchemas } from '../lib/app-config/load.ts';

export { CONFIG_FILE, ConfigError, type RuleConfig };

/**
 * The configuration a command applies: an explicit --config must exist, the root's validate.config.yaml is
 * optional (none: every default). The profile is `profile` (--profile) when given, else the file's, else
 * DEFAULT_PROFILE.
 */
export function loadConfig(
  explicit: string | undefined,
  root: string,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  profile?: Profile,
): RuleConfig {
  const config = readConfig(explicit, root, warn);
  return { ...config, profile: profile ?? config.profile ?? DEFAULT_PROFILE };
}

function readConfig(explicit: string | undefined, root: string, warn: (line: string) => void): RuleConfig {
  const file = explicit ? resolve(explicit) : join(root, CONFIG_FILE);
  if (!explicit && !existsSync(file)) return defaultRuleConfig;
  let config: RuleConfig;
  try {
    config = loadRuleConfig(file);
    // Applications' config schemas are read here, once, so the rule that uses them never opens a file.
    config = { ...config, appSchemas: loadAppSchemas(config, root) };
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  // Old spellings still work for one release; the user learns what to write before they stop working.
  for (const warning of config.warnings ?? []) warn(`warning: ${warning}`);
  return config;
}

/**
 * A `sources:` pattern that matches nothing is most likely a typo that silently drops a stricter setting
 * (production: true, an error severity). Only meaningful when the whole repository is checked.
 */
export function unmatchedSourcePatterns(config: RuleConfig, sources: readonly Source[], configFile: string): Finding[] {
  return config.sources
    .filter((layer) => !sources.some((source) => sourceMatches(layer.match, source.name)))
    .map((layer) => ({
      rule: 'input',
      severity: 'warning' as const,
      message:
        sources.length === 0
          ? `the configuration's sources pattern "${layer.match}" matches nothing: no source was found`
          : `the configuration's sources pattern "${layer.match}" matches none of ${sources.map((source) => source.name).join(', ')}`,
      fix: 'Correct the pattern (a source name as reports show it, e.g. overlays/prod) or remove the entry.',
      source: configFile,
      file: configFile,
    }));
}

/** `kubernetesVersion`: the run's target (--kubernetes-version), which version-aware rules read. */
export function policyCheck(config: RuleConfig, kubernetesVersion?: string): SourceCheck {
  return (resources, source) => evaluateRules(resources, { source: source.name, config, ...(kubernetesVersion ? { kubernetesVersion } : {}) });
}

/** The configuration and exemptions applied to the pipeline's own findings (schema, deprecated-api, ...). */
export function builtInConfiguration(config: RuleConfig): BuiltInConfiguration {
  return (findings, resources, source) => configureBuiltInFindings(findings, resources, source.name, config);
}

/** The repository's listing, read at most once per run and shared by discovery's follower and the rules. */
export class RepositoryListing {
  #files: RepositoryFiles | undefined;
  /** `reads`: the run's kustomization reader, which the render guard uses too (one read of each file per run). */
  constructor(
    readonly root: string,
    readonly reads?: KustomizationReads,
  ) {}
  get files(): RepositoryFiles {
    return (this.#files ??= readRepositoryFiles(this.root, this.reads));
  }
  /** The listing when something already read it; the rules read it themselves only when they need it. */
  get ifRead(): RepositoryFiles | undefined {
    return this.#files;
  }
}

const checkedSource = ({ source, resources, loadFindings, kustomizations }: SourceOutcome): CheckedSource => ({
  source,
  resources,
  loadFindings,
  ...(kustomizations ? { kustomizations } : {}),
});

export function repositoryCheck(config: RuleConfig, root: string, baseline?: Baseline, listing?: RepositoryListing): RepositoryCheck {
  return (outcomes) => evaluateRepositoryRules(outcomes.map(checkedSource), { root, config, baseline, ...(listing ? { readFiles: () => listing.files } : {}) });
}

/**
 * Default discovery's next step: the directories the loaded sources' GitOps objects reconcile from this tree
 * (scripts/rules/gitops/graph/follow.ts), as sources that say which object led to them.
 */
export function gitopsFollower(config: RuleConfig, listing: RepositoryListing): SourceFollower {
  const { settings } = resolveSettings(config, '.');
  return (outcomes) =>
    reconciledDirectories(outcomes.map(checkedSource), listing.files, settings, listing.root).map(({ dir, kind, by, read }) => ({
      kind,
      name: dir,
      path: join(listing.root, dir),
      discoveredBy: `reconciled by ${by}`,
      ...(kind === 'manifests' ? { read } : {}),
    }));
}

/** The whole catalogue: built-in checks, rules and the findings the engine makes about exemptions. */
function listedRules(): RuleInfo[] {
  return catalogue.map(({ id, description, fix, severity }) => ({ id, description, fix, severity }));
}

/** The catalogue as --list-rules prints it: with the lowest profile of each check. */
function listedWithProfiles(): Array<RuleInfo & Pick<CatalogueEntry, 'profile'>> {
  return catalogue.map(({ id, description, fix, severity, profile }) => ({ id, description, fix, severity, profile }));
}

export function ruleDescriptions(): RuleInfo[] {
  return listedRules();
}

export function ruleListing(): string {
  return formatRuleList(listedWithProfiles());
}
