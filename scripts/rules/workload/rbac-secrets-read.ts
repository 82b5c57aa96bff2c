import type { Rule } from '../rule.ts';
import { describeRole, grants, policyRules, ROLE_KINDS } from './lib/rbac.ts';

export const rbacSecretsRead: Rule = {
  id: 'rbac-secrets-read',
  severity: 'warning',
  description: 'No Role or ClusterRole lets its subjects read Secrets (get, list or watch).',
  fix: 'Mount the one Secret the workload needs instead of reading it through the API, or limit the rule with resourceNames.',
  kinds: ROLE_KINDS,
  equivalents: { kubeLinter: 'access-to-secrets' },
  check: (context) =>
    policyRules(context)
      .filter((rule) => grants(rule, ['get', 'list', 'watch'], ['secrets']))
      .map((rule) => ({
        resource: rule.resource,
        path: rule.path,
        message: `${describeRole(rule.resource)} rule ${rule.index} can read Secrets`,
      })),
};
