import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

export const duplicateEnvVar: Rule = {
  id: 'duplicate-env-var',
  severity: 'error',
  description: 'No container sets the same environment variable twice (the last one silently wins).',
  fix: 'Remove one of the two entries; check patches that append to env instead of replacing an entry.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'duplicate-env-var' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      const seen = new Map<string, number>();
      const violations: Violation[] = [];
      listAt(ref.container, 'env').forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string') return;
        const first = seen.get(entry.name);
        if (first === undefined) seen.set(entry.name, index);
        else violations.push(containerViolation(ref, `/env/${index}/name`, `sets ${entry.name} again (first at env[${first}])`));
      });
      return violations;
    }),
};
