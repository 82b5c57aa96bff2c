// Which namespaces are production, for the rules that are stricter there.
import { posix } from 'node:path';
import { optionsOf, type OptionSpecs } from '../../options.ts';
import type { RepositoryContext } from '../../rule.ts';
import { overlaysOf } from './overlays.ts';

const PRODUCTION_OVERLAYS = new Set(['prod', 'production']);

export const GITOPS_SOURCE_OPTIONS = {
  production: { type: 'strings', description: 'namespaces whose apps must not follow HEAD (default: the namespace of overlays/prod)' },
} as const satisfies OptionSpecs;

/** `options['gitops-source'].production` when set, else the namespace of the overlays named prod or production. */
export function productionNamespaces(context: RepositoryContext): Set<string> {
  const configured = optionsOf(context.settings, 'gitops-source', GITOPS_SOURCE_OPTIONS).production;
  if (configured !== undefined) return new Set(configured);
  return new Set(
    overlaysOf(context)
      .filter((overlay) => PRODUCTION_OVERLAYS.has(posix.basename(overlay.dir)) && overlay.namespace !== undefined)
      .map((overlay) => overlay.namespace as string),
  );
}

