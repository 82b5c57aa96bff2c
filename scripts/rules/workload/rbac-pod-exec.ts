import type { Rule } from '../rule.ts';
import { describeRole, grants, policyRules, ROLE_KINDS } from './lib/rbac.ts';

export const rbacPodExec: Rule = {
  id: 'rbac-pod-exec',
  severity: 'warning',
  description: 'No Role or ClusterRole lets its subjects exec or attach into pods (create on pods/exec or pods/attach).',
  fix: 'Remove pods/exec and pods/attach from the rule, or keep them to a break-glass role bound to people.',
  kinds: ROLE_KINDS,
  equivalents: { polaris: 'clusterrolePodExecAttach, rolePodExecAttach' },
  check: (context) =>
    policyRules(context)
      // exec and attach are opened with a POST (create) or, for WebSockets, a GET.
      .filter((rule) => grants(rule, ['create', 'get'], ['pods/exec', 'pods/attach']))
      .map((rule) => ({
        resource: rule.resource,
        path: rule.path,
        message: `${describeRole(rule.resource)} rule ${rule.index} allows exec or attach into pods`,
      })),
};
