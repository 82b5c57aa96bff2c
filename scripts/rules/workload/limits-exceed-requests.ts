import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { parseQuantity } from './lib/quantity.ts';
import { recordAt } from '../lib/read.ts';

export const limitsExceedRequests: Rule = {
  id: 'limits-exceed-requests',
  severity: 'error',
  description: 'No limit is below its request, and every request and limit is a valid quantity.',
  fix: 'Raise the limit to at least the request (Kubernetes rejects a pod whose limit is below its request).',
  kinds: WORKLOAD_KINDS,
  check: (context) =>
    visitContainers(context, ['containers', 'initContainers'], (ref) => {
      const requests = recordAt(ref.container, 'resources', 'requests') ?? {};
      const limits = recordAt(ref.container, 'resources', 'limits') ?? {};
      const violations: Violation[] = [];
      for (const [section, values] of [['requests', requests], ['limits', limits]] as const) {
        for (const [name, value] of Object.entries(values)) {
          if (parseQuantity(value) === undefined) {
            violations.push(containerViolation(ref, `/resources/${section}/${name}`, `${section}.${name} ${JSON.stringify(value)} is not a Kubernetes quantity`));
          }
        }
      }
      for (const [name, limitValue] of Object.entries(limits)) {
        const limit = parseQuantity(limitValue);
        const request = parseQuantity(requests[name]);
        if (limit === undefined || request === undefined || limit >= request) continue;
        violations.push(
          containerViolation(ref, `/resources/limits/${name}`, `limits.${name} ${String(limitValue)} is below requests.${name} ${String(requests[name])}`),
        );
      }
      return violations;
    }),
};
