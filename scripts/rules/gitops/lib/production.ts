// Which namespaces are production, for the rules that are stricter there.
import { posix } from 'node:path';
import { stringList } from '../../cross/lib/values.ts';
import type { RepositoryContext } from '../../rule.ts';
import { overlaysOf } from './overlays.ts';

const PRODUCTION_OVERLAYS = new Set(['prod', 'production']);

/** `options['gitops-source'].production` when set, else the namespace of the overlays named prod or production. */
export function productionNamespaces(context: RepositoryContext): Set<string> {
  const configured = context.settings.options['gitops-source']?.production;
  if (Array.isArray(configured)) return new Set(stringList(configured));
  return new Set(
    overlaysOf(context)
      .filter((overlay) => PRODUCTION_OVERLAYS.has(posix.basename(overlay.dir)) && overlay.namespace !== undefined)
      .map((overlay) => overlay.namespace as string),
  );
}

