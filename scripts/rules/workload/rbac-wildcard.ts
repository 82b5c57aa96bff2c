import type { Rule, Violation } from '../rule.ts';
import { describeRole, policyRules, ROLE_KINDS } from './lib/rbac.ts';

export const rbacWildcard: Rule = {
  id: 'rbac-wildcard',
  severity: 'error',
  description: 'No Role or ClusterRole uses * in verbs, resources or apiGroups.',
  fix: 'List the verbs, resources and API groups the subject needs; a wildcard also grants whatever is added later.',
  kinds: ROLE_KINDS,
  equivalents: { kubeLinter: 'wildcard-in-rules' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const rule of policyRules(context)) {
      for (const field of ['verbs', 'resources', 'apiGroups'] as const) {
        const index = rule[field].indexOf('*');
        if (index === -1) continue;
        violations.push({
          resource: rule.resource,
          path: `${rule.path}/${field}/${index}`,
          message: `${describeRole(rule.resource)} rule ${rule.index} has * in ${field}`,
        });
      }
    }
    return violations;
  },
};
