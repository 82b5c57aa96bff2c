import { missingResourceRule } from './lib/resources.ts';

export const memoryRequests = missingResourceRule({
  id: 'memory-requests',
  section: 'requests',
  resource: 'memory',
  description: 'Every container requests memory.',
  fix: 'Set resources.requests.memory to the working set under normal load (e.g. 256Mi).',
  why: 'the scheduler can overcommit the node and the pod is among the first evicted',
  equivalents: { kubeLinter: 'unset-memory-requirements (requirementsType: request)', polaris: 'memoryRequestsMissing' },
});
