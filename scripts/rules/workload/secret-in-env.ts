import type { Rule } from '../rule.ts';
import { WORKLOAD_KINDS } from './lib/containers.ts';
import { envValueViolations } from './lib/env-values.ts';

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
    envValueViolations(context, ({ name, value }) => {
      if (typeof name !== 'string' || !SECRET_NAME.test(name) || value === '') return undefined;
      return `${name} is set to a literal value in the manifest`;
    }),
};
