import type { RepositoryRule, Violation } from '../rule.ts';
import type { RuleSettings } from '../rule.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { describe } from '../cross/lib/values.ts';
import { directoryReferences } from './lib/directory-references.ts';
import type { Tool } from './lib/gitops-objects.ts';
import { readKustomization } from './lib/kustomization-file.ts';
import { gitopsManifestDirs, isInsideDir, isUncheckedOverlay, overlaysOf } from './lib/overlays.ts';
import { isDirectory } from './lib/repository-paths.ts';

const TOOLS: readonly Tool[] = ['flux', 'argocd'];
const TOOL_NAMES: Record<Tool, string> = { flux: 'Flux Kustomization', argocd: 'Argo CD Application or ApplicationSet' };

const OPTIONS = {
  require: { type: 'choices', values: TOOLS, description: 'which tools must reconcile every overlay: [flux, argocd] (default), [flux] or [argocd]' },
} as const satisfies OptionSpecs;

/** `options['gitops-coverage'].require`: which tools must reconcile every overlay (default both). */
export function requiredTools(settings: RuleSettings): Tool[] {
  return [...(optionsOf(settings, 'gitops-coverage', OPTIONS).require ?? TOOLS)];
}

export const gitopsCoverage: RepositoryRule = {
  scope: 'repository',
  id: 'gitops-coverage',
  severity: 'warning',
  description:
    'Every overlay is reconciled by Flux and by Argo CD (options.require: which of flux, argocd), checked when the run includes the GitOps manifests; and no GitOps object points at a directory that is not an overlay (an error). A path into flux/ or argocd/ themselves (an app-of-apps, a Flux bootstrap) is fine.',
  fix: 'Add a Flux Kustomization / Argo CD Application for the overlay (or narrow options.require), and point GitOps objects at overlays only, never at base/ or components/.',
  kinds: ['Kustomization', 'GitRepository', 'Application', 'ApplicationSet'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const overlays = overlaysOf(context);
    const gitopsDirs = gitopsManifestDirs(context);
    const covered = new Map<string, Set<Tool>>(overlays.map((overlay) => [overlay.dir, new Set<Tool>()]));
    const violations: Violation[] = [];
    for (const reference of directoryReferences(context)) {
      for (const dir of reference.dirs ?? []) {
        const tools = covered.get(dir);
        if (tools) {
          tools.add(reference.tool);
          continue;
        }
        // Missing directories are gitops-path's; an overlay this run did not check may well be fine.
        if (!isDirectory(context.root, dir) || isUncheckedOverlay(context, dir)) continue;
        if (gitopsDirs.some((gitopsDir) => isInsideDir(dir, gitopsDir))) continue;
        violations.push({
          resource: reference.resource,
          path: reference.pointer,
          severity: 'error',
          message: `${describe(reference.resource)} deploys ${dir}, which is not an overlay: only overlays are complete environments (a base or component alone has no environment's settings)`,
        });
      }
    }
    if (gitopsDirs.length === 0) return violations;
    const required = requiredTools(context.settings);
    for (const overlay of overlays) {
      const missing = required.filter((tool) => !covered.get(overlay.dir)?.has(tool));
      if (missing.length === 0) continue;
      // A refused overlay's kustomization is not read again (it may lead outside); its render finding stands.
      if (!overlay.rendered) continue;
      const resource = readKustomization(context.root, overlay.dir, overlay.checked.source.name) ?? overlay.checked.resources[0];
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
