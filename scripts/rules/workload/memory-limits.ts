import { missingResourceRule } from './lib/resources.ts';

export const memoryLimits = missingResourceRule({
  id: 'memory-limits',
  section: 'limits',
  resource: 'memory',
  description: 'Every container has a memory limit.',
  fix: 'Set resources.limits.memory; the container is OOM-killed above it instead of starving its neighbours.',
  why: 'a leak can take the whole node down',
  equivalents: { kubeLinter: 'unset-memory-requirements', polaris: 'memoryLimitsMissing' },
});
