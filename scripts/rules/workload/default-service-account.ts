import type { Rule, Violation } from '../rule.ts';
import { podViolation, WORKLOAD_KINDS } from './lib/containers.ts';

export const defaultServiceAccount: Rule = {
  id: 'default-service-account',
  severity: 'error',
  description: 'Every workload runs as its own ServiceAccount, not the namespace\'s default one.',
  fix: 'Create a ServiceAccount for the workload and set spec.serviceAccountName to it.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'default-service-account' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      // serviceAccount is the deprecated spelling; the API server copies it into serviceAccountName.
      const name = template.spec.serviceAccountName ?? template.spec.serviceAccount;
      if (name !== undefined && name !== '' && name !== 'default') continue;
      violations.push(
        podViolation(template, '/serviceAccountName', name === 'default' ? 'runs as the default ServiceAccount' : 'sets no serviceAccountName, so it runs as the default ServiceAccount'),
      );
    }
    return violations;
  },
};
