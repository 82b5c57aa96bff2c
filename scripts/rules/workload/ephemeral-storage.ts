import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// Logs, emptyDir volumes without a medium and the writable layer all use the node's disk: without a request
// the scheduler ignores that use, and without a limit one pod can fill the disk and have the kubelet evict
// its neighbours.
export const ephemeralStorage: Rule = {
  id: 'ephemeral-storage',
  severity: 'warning',
  description: 'Every container (init containers included) requests and limits ephemeral-storage.',
  fix: 'Set resources.requests.ephemeral-storage and resources.limits.ephemeral-storage (e.g. 100Mi and 1Gi) to what the container writes to the node\'s disk.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeScore: 'container-ephemeral-storage-request-and-limit' },
  check: (context) =>
    visitContainers(context, ['containers', 'initContainers'], (ref) => {
      const violations: Violation[] = [];
      for (const section of ['requests', 'limits'] as const) {
        const value = valueAt(ref.container, 'resources', section, 'ephemeral-storage');
        if (value !== undefined && value !== null && value !== '') continue;
        violations.push(containerViolation(ref, `/resources/${section}/ephemeral-storage`, `no ephemeral-storage ${section === 'requests' ? 'request' : 'limit'}`));
      }
      return violations;
    }),
};
