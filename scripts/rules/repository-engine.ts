// Runs the whole-repository rules once every source is loaded, with the same configuration and exemptions.
import type { Finding } from '../lib/model.ts';
import { EMPTY_REPOSITORY_FILES, readRepositoryFiles, type RepositoryFiles } from '../lib/repository-files.ts';
import { resolveSettings, type RuleConfig } from './config.ts';
import { guardedCheck, violationFinding } from './engine.ts';
import { indexExemptions, type ExemptionIndex } from './exemptions.ts';
import { catalogue, repositoryRules as registeredRules } from './registry.ts';
import { buildGitOpsGraph } from './gitops/graph/build.ts';
import type { Baseline, CheckedSource, RepositoryContext, RepositoryRule, RuleSettings } from './rule.ts';

export interface RepositoryEvaluateOptions {
  root: string;
  config: RuleConfig;
  baseline?: Baseline;
  rules?: readonly RepositoryRule[];
  /** The repository's listing, when the caller already has it; else it is read here, once. */
  files?: RepositoryFiles;
  /** How to list the repository when the rules need it (the run's shared listing); default: read it here. */
  readFiles?: () => RepositoryFiles;
}

/**
 * The model every repository rule receives: the sources, the repository's listing and the GitOps graph, each
 * built once. The listing is the only disk access, here at the edge: a run without overlays or GitOps
 * objects needs none.
 */
export function repositoryContext(
  sources: readonly CheckedSource[],
  options: { root: string; settings: RuleSettings; baseline?: Baseline; files?: RepositoryFiles; readFiles?: () => RepositoryFiles },
): RepositoryContext {
  const files = options.files ?? (needsListing(sources) ? (options.readFiles ?? (() => readRepositoryFiles(options.root)))() : EMPTY_REPOSITORY_FILES);
  return { root: options.root, sources, settings: options.settings, baseline: options.baseline, files, gitops: buildGitOpsGraph(sources, files, options.settings, options.root) };
}

function needsListing(sources: readonly CheckedSource[]): boolean {
  return sources.some((checked) => checked.source.kind === 'kustomization' || checked.resources.some((r) => /(^|\.)(fluxcd|argoproj)\.io\//.test(String(r.object.apiVersion))));
}

/** The repository as a whole has no source name; its settings are the configuration's global layer. */
const REPOSITORY = '.';

export function evaluateRepositoryRules(sources: readonly CheckedSource[], options: RepositoryEvaluateOptions): Finding[] {
  const rules = options.rules ?? registeredRules;
  const global = resolveSettings(options.config, REPOSITORY);
  const knownRules = new Set([...catalogue.map((entry) => entry.id), ...rules.map((rule) => rule.id)]);
  // Exemption problems are reported by the per-source engine; here they only excuse violations.
  const exemptions = new Map<string, ExemptionIndex>(
    sources.map((checked) => [
      checked.source.name,
      indexExemptions(checked.resources, {
        knownRules,
        allowExemptions: resolveSettings(options.config, checked.source.name).allowExemptions,
      }),
    ]),
  );
  const findings: Finding[] = [];
  const whole = repositoryContext(sources, { root: options.root, settings: global.settings, baseline: options.baseline, files: options.files, readFiles: options.readFiles });
  for (const rule of rules) {
    if (global.rules[rule.id] === 'off') continue;
    // The graph is built from every source; `sources` holds only the rule's kinds (and overlays whole).
    const context = { ...whole, sources: ofKinds(sources, rule.kinds) };
    const outcome = guardedCheck(rule.id, REPOSITORY, () => rule.check(context));
    if (!Array.isArray(outcome)) {
      findings.push(outcome);
      continue;
    }
    for (const violation of outcome) {
      const source = violation.resource.source;
      const setting = resolveSettings(options.config, source).rules[rule.id];
      if (setting === 'off' || exemptions.get(source)?.exempts(rule.id, violation)) continue;
      findings.push(violationFinding(rule, violation, setting));
    }
  }
  return findings;
}

/**
 * `kinds` enforced on what a repository rule inspects: the GitOps manifests (flux/, argocd/, files given) hold
 * only objects of its kinds. A rendered overlay stays whole: its namespace and its resources as a set are the
 * model the GitOps objects are compared against (and the baseline is the same renders at an earlier ref).
 */
function ofKinds(sources: readonly CheckedSource[], kinds: readonly string[]): CheckedSource[] {
  if (kinds.includes('*')) return [...sources];
  return sources.map((checked) =>
    checked.source.kind === 'kustomization'
      ? checked
      : { ...checked, resources: checked.resources.filter((resource) => kinds.includes(resource.object.kind)) },
  );
}
