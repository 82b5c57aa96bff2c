// The four "request or limit is missing" rules differ only in which quantity they look for.
import type { Rule } from '../../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './containers.ts';
import { valueAt } from '../../lib/read.ts';

export function missingResourceRule(definition: {
  id: string;
  section: 'requests' | 'limits';
  resource: 'cpu' | 'memory';
  description: string;
  fix: string;
  why: string;
  equivalents?: Rule['equivalents'];
}): Rule {
  const { section, resource, why, ...rest } = definition;
  return {
    ...rest,
    severity: 'error',
    kinds: WORKLOAD_KINDS,
    // Ephemeral containers cannot declare resources; init containers count toward the pod's request.
    check: (context) =>
      visitContainers(context, ['containers', 'initContainers'], (ref) => {
        const value = valueAt(ref.container, 'resources', section, resource);
        if (value !== undefined && value !== null && value !== '') return [];
        return [containerViolation(ref, `/resources/${section}/${resource}`, `no ${resource} ${section.replace(/s$/, '')} (${why})`)];
      }),
  };
}
