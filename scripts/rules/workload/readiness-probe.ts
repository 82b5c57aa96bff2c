import { missingProbeRule } from './lib/probes.ts';

export const readinessProbe = missingProbeRule({
  id: 'readiness-probe',
  field: 'readinessProbe',
  severity: 'error',
  description: 'Every container of a long-running workload has a readiness probe.',
  fix: 'Add a readinessProbe that succeeds only once the container can serve traffic.',
  why: 'traffic reaches the pod before it can serve it, and rollouts do not wait for it',
  equivalents: { kubeLinter: 'no-readiness-probe', polaris: 'readinessProbeMissing' },
});
