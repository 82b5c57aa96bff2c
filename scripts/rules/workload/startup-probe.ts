import { missingProbeRule } from './lib/probes.ts';

export const startupProbe = missingProbeRule({
  id: 'startup-probe',
  field: 'startupProbe',
  severity: 'warning',
  description: 'Every container of a long-running workload has a startup probe.',
  fix: 'Add a startupProbe with a failureThreshold × periodSeconds that covers the slowest start.',
  why: 'the liveness probe must then tolerate the slowest start, or it kills a container that is still starting',
});
