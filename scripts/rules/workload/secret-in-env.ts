import type { Rule, Violation } from '../rule.ts';
import { containerViolation, visitContainers, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';
import { CONTAINER_LISTS } from '../pod-templates.ts';

/** *_TOKEN, *_KEY, *PASSWORD*, *SECRET*, in any case. */
export const SECRET_NAME = /(_TOKEN$|_KEY$|PASSWORD|SECRET)/i;

export const secretInEnv: Rule = {
  id: 'secret-in-env',
  severity: 'error',
  description: 'No environment variable whose name looks like a secret (*_TOKEN, *_KEY, *PASSWORD*, *SECRET*) has a literal value.',
  fix: 'Move the value to a Secret and use valueFrom.secretKeyRef (or envFrom.secretRef).',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'env-var-secret (partial)', polaris: 'sensitiveContainerEnvVar' },
  check: (context) =>
    visitContainers(context, CONTAINER_LISTS, (ref) => {
      const violations: Violation[] = [];
      listAt(ref.container, 'env').forEach((entry, index) => {
        if (!isRecord(entry) || typeof entry.name !== 'string' || !SECRET_NAME.test(entry.name)) return;
        if (typeof entry.value !== 'string' || entry.value === '') return;
        violations.push(containerViolation(ref, `/env/${index}/value`, `${entry.name} is set to a literal value in the manifest`));
      });
      return violations;
    }),
};
