import { missingResourceRule } from './lib/resources.ts';

export const cpuRequests = missingResourceRule({
  id: 'cpu-requests',
  section: 'requests',
  resource: 'cpu',
  description: 'Every container requests CPU.',
  fix: 'Set resources.requests.cpu to what the container needs under normal load (e.g. 250m).',
  why: 'the scheduler places it as if it needed nothing, and a CPU-based autoscaler cannot compute utilisation',
  equivalents: { kubeLinter: 'unset-cpu-requirements', polaris: 'cpuRequestsMissing' },
});
