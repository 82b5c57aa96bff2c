import type { RepositoryRule, RuleSettings, Violation } from '../rule.ts';
import { filesOf, gitopsOf } from './lib/repository-model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { describe } from '../cross/lib/values.ts';
import { directoryExists, kustomizationIn } from '../../lib/repository-files.ts';
import { distinctViolations, type Cluster, type GitOpsGraph } from './graph/model.ts';
import { kustomizationKind } from './graph/reach.ts';
import type { Tool } from './lib/gitops-objects.ts';
import { kustomizationOf } from './lib/kustomization-file.ts';
import { overlaysOf } from './lib/overlays.ts';

const TOOLS: readonly Tool[] = ['flux', 'argocd'];
const TOOL_NAMES: Record<Tool, string> = { flux: 'Flux Kustomization', argocd: 'Argo CD Application or ApplicationSet' };

const OPTIONS = {
  require: {
    type: 'choices',
    values: TOOLS,
    description: 'which tools must reconcile every overlay: [flux], [argocd] or [flux, argocd] (default: each tool whose objects the run holds)',
  },
} as const satisfies OptionSpecs;

/** The tools that must reconcile every overlay: those configured, of those the run uses (a tool absent from the run cannot). */
export function requiredTools(settings: RuleSettings, graph: GitOpsGraph): Tool[] {
  const configured = optionsOf(settings, 'gitops-coverage', OPTIONS).require ?? TOOLS;
  return configured.filter((tool) => graph.tools.has(tool));
}

/** A directory a cluster deploys that cannot be deployed that way: a Component, or one another of its directories already includes. */
function misdeployed(context: Parameters<RepositoryRule['check']>[0], cluster: Cluster): Violation[] {
  const violations: Violation[] = [];
  for (const reconciler of cluster.reconcilers) {
    if (reconciler.origin.in !== 'repository') continue;
    for (const dir of reconciler.dirs ?? []) {
      // Missing directories are gitops-path's.
      if (directoryExists(filesOf(context), dir) !== true) continue;
      const kustomization = kustomizationIn(filesOf(context), dir);
      if (kustomization && kustomizationKind(kustomization.text) === 'Component') {
        violations.push({
          resource: reconciler.resource,
          path: reconciler.pointer,
          severity: 'error',
          message: `${describe(reconciler.resource)} deploys ${dir}, a kustomize Component: a Component only builds as part of a kustomization that lists it under components:`,
        });
        continue;
      }
      const includer = cluster.reconcilers.find((other) => other.resource !== reconciler.resource && other.origin.in === 'repository' && !(other.dirs ?? []).includes(dir) && other.reach.dirs.has(dir));
      if (!includer) continue;
      violations.push({
        resource: reconciler.resource,
        path: reconciler.pointer,
        severity: 'error',
        message: `${describe(reconciler.resource)} deploys ${dir}, which ${(includer.dirs ?? []).join(', ')} (deployed by ${describe(includer.resource)} in the same cluster, ${cluster.name}) already includes: the two apply the same objects, overwrite each other, and deleting one prunes the other's`,
      });
    }
  }
  return violations;
}

export const gitopsCoverage: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-coverage',
  severity: 'warning',
  description:
    'Every overlay of the run is reconciled by each GitOps tool the run uses (a Flux-only repository needs no Argo CD, and the other way round; options.require narrows it), directly or as a base another reconciled directory includes. And, as errors: no cluster deploys a kustomize Component alone, or a directory another directory it deploys already includes. A plain directory of manifests is fine: Flux generates its kustomization, Argo CD reads it as a directory.',
  fix: 'Add a Flux Kustomization / Argo CD Application for the overlay (or narrow options.require), and deploy each directory once per cluster, never a Component alone.',
  kinds: ['Kustomization', 'GitRepository', 'Application', 'ApplicationSet'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const graph = gitopsOf(context);
    const violations = distinctViolations(graph.clusters.flatMap((cluster) => misdeployed(context, cluster)));
    const required = requiredTools(context.settings, graph);
    if (required.length === 0) return violations;
    for (const overlay of overlaysOf(context)) {
      // A refused overlay's kustomization is not read again (it may lead outside); its render finding stands.
      if (!overlay.rendered) continue;
      const missing = required.filter((tool) => !graph.clusters.some((cluster) => cluster.tool === tool && cluster.reach.dirs.has(overlay.dir)));
      if (missing.length === 0) continue;
      const resource = kustomizationOf(filesOf(context), overlay.dir, overlay.checked.source.name) ?? overlay.checked.resources[0];
      if (!resource) continue;
      violations.push({
        resource,
        path: '',
        message: `${overlay.dir} is reconciled by no ${missing.map((tool) => TOOL_NAMES[tool]).join(' and no ')}: it is never deployed that way`,
      });
    }
    return violations;
  },
};
