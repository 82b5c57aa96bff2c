import { missingResourceRule } from './lib/resources.ts';

export const cpuLimits = missingResourceRule({
  id: 'cpu-limits',
  section: 'limits',
  resource: 'cpu',
  description: 'Every container has a CPU limit (turn it off in validate.config.yaml if you prefer unthrottled pods).',
  fix: 'Set resources.limits.cpu, or configure `cpu-limits: off` if the cluster relies on requests alone.',
  why: 'a busy container can take all the node\'s spare CPU',
  equivalents: { kubeLinter: 'unset-cpu-requirements (requirementsType: limit)', polaris: 'cpuLimitsMissing' },
});
