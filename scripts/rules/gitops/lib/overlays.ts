// The overlays of a run as the GitOps rules see them: directory, render outcome, namespace.
import { relative, sep } from 'node:path';
import type { Resource } from '../../../lib/model.ts';
import { CLUSTER_SCOPED_KINDS } from '../../lib/cluster-scoped.ts';
import type { CheckedSource, RepositoryContext } from '../../rule.ts';

export interface Overlay {
  /** Repository-relative, '/'-separated: 'overlays/prod'. */
  dir: string;
  checked: CheckedSource;
  /** False when kustomize failed on it (a `render` load finding). */
  rendered: boolean;
  /** The namespace its namespaced resources render into (the most common one). */
  namespace?: string;
  /** Names of the Namespace objects it renders. */
  namespaces: ReadonlySet<string>;
}

export function relativeDir(root: string, path: string): string {
  const rel = relative(root, path).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

export function overlaysOf(context: RepositoryContext): Overlay[] {
  return context.sources
    .filter((checked) => checked.source.kind === 'kustomization')
    .map((checked) => {
      // Refused by the render guard (an `input` error) or failed in kustomize (`render`): not rendered.
      const failure = checked.loadFindings.find((finding) => finding.rule === 'render' || (finding.rule === 'input' && finding.severity === 'error'));
      const overlay: Overlay = {
        dir: relativeDir(context.root, checked.source.path),
        checked,
        rendered: failure === undefined,
        namespace: renderedNamespace(checked.resources),
        namespaces: new Set(checked.resources.filter((r) => r.object.kind === 'Namespace').map((r) => String(r.object.metadata?.name ?? ''))),
      };
      return overlay;
    });
}

export function renderedNamespace(resources: readonly Resource[]): string | undefined {
  const counts = new Map<string, number>();
  for (const resource of resources) {
    const namespace = resource.object.metadata?.namespace;
    if (typeof namespace !== 'string' || namespace === '' || CLUSTER_SCOPED_KINDS.has(resource.object.kind)) continue;
    counts.set(namespace, (counts.get(namespace) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [namespace, count] of counts) if (best === undefined || count > (counts.get(best) ?? 0)) best = namespace;
  return best;
}

export function isInsideDir(dir: string, parent: string): boolean {
  return parent === '.' || dir === parent || dir.startsWith(`${parent}/`);
}
