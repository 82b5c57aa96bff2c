import { missingProbeRule } from './lib/probes.ts';

export const livenessProbe = missingProbeRule({
  id: 'liveness-probe',
  field: 'livenessProbe',
  severity: 'error',
  description: 'Every container of a long-running workload has a liveness probe.',
  fix: 'Add a livenessProbe (httpGet, tcpSocket, grpc or exec) that fails only when a restart would help.',
  why: 'a hung process is never restarted',
  equivalents: { kubeLinter: 'no-liveness-probe', polaris: 'livenessProbeMissing' },
});
