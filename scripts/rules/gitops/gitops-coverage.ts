import type { RepositoryRule, RuleSettings, Violation } from '../rule.ts';
import { filesOf, gitopsOf } from './lib/repository-model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { describe } from '../cross/lib/values.ts';
import { parse } from 'yaml';
import { isRecord } from '../../lib/model.ts';
import { directoryExists, kustomizationIn, type RepositoryFiles } from '../../lib/repository-files.ts';
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

/**
 * Whether the kustomization of `includer` applies what `included` holds under the same names and namespace:
 * no namePrefix or nameSuffix, and no `namespace:` other than the included one's own. (Only the includer's own
 * file is read: a middle layer that renames is not seen, which can only leave a finding out.)
 */
function appliesUnchanged(files: RepositoryFiles, includer: string, included: string): boolean {
  const outer = fieldsOf(kustomizationIn(files, includer)?.text);
  const inner = fieldsOf(kustomizationIn(files, included)?.text);
  if (outer.namePrefix !== undefined || outer.nameSuffix !== undefined) return false;
  return outer.namespace === undefined || outer.namespace === inner.namespace;
}

function fieldsOf(text: string | undefined): Record<string, string | undefined> {
  if (text === undefined) return {};
  try {
    const value: unknown = parse(text, { uniqueKeys: false });
    if (!isRecord(value)) return {};
    const field = (name: string) => (typeof value[name] === 'string' ? (value[name] as string) : undefined);
    return { namespace: field('namespace'), namePrefix: field('namePrefix'), nameSuffix: field('nameSuffix') };
  } catch {
    return {};
  }
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
      const files = filesOf(context);
      const includer = cluster.reconcilers.flatMap((other) =>
        other.resource === reconciler.resource || other.origin.in !== 'repository'
          ? []
          : (other.dirs ?? []).filter((otherDir) => otherDir !== dir && other.reach.dirs.has(dir) && appliesUnchanged(files, otherDir, dir)).map((otherDir) => ({ other, otherDir })),
      )[0];
      if (!includer) continue;
      violations.push({
        resource: reconciler.resource,
        path: reconciler.pointer,
        severity: 'error',
        message: `${describe(reconciler.resource)} deploys ${dir}, which ${includer.otherDir} (deployed by ${describe(includer.other.resource)} in the same cluster, ${cluster.name}) includes without renaming it or moving it to another namespace: the two apply the same objects, overwrite each other, and deleting one prunes the other's`,
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
      // The overlay's kustomization file as the render guard read it, else as the listing has it.
      const resource = overlay.checked.kustomizations?.node(overlay.dir)?.resource ?? kustomizationOf(filesOf(context), overlay.dir, overlay.checked.source.name) ?? overlay.checked.resources[0];
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
