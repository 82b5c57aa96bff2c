// PolicyRules of Roles and ClusterRoles, read defensively.
import type { Resource } from '../../../lib/model.ts';
import type { RuleContext } from '../../rule.ts';
import { isRecord, listAt, stringList } from '../../lib/read.ts';

export const ROLE_KINDS = ['Role', 'ClusterRole'] as const;
export const BINDING_KINDS = ['RoleBinding', 'ClusterRoleBinding'] as const;

export interface PolicyRuleRef {
  resource: Resource;
  index: number;
  path: string;
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export function policyRules(context: RuleContext): PolicyRuleRef[] {
  const out: PolicyRuleRef[] = [];
  for (const kind of ROLE_KINDS) {
    for (const resource of context.index.byKind(kind)) {
      listAt(resource.object, 'rules').forEach((rule, index) => {
        if (!isRecord(rule)) return;
        out.push({
          resource,
          index,
          path: `/rules/${index}`,
          apiGroups: stringList(rule.apiGroups),
          resources: stringList(rule.resources),
          verbs: stringList(rule.verbs),
        });
      });
    }
  }
  return out;
}

/** The rule grants one of `verbs` on one of `resources` in the core API group, wildcards included. */
export function grants(rule: PolicyRuleRef, verbs: readonly string[], resources: readonly string[]): boolean {
  const coreGroup = rule.apiGroups.includes('') || rule.apiGroups.includes('*');
  const verb = rule.verbs.some((v) => v === '*' || verbs.includes(v));
  const resource = rule.resources.some(
    (r) => r === '*' || resources.includes(r) || (r.endsWith('/*') && resources.some((want) => want.startsWith(r.slice(0, -1)))),
  );
  return coreGroup && verb && resource;
}

export function describeRole(resource: Resource): string {
  return `${resource.object.kind} "${resource.object.metadata?.name ?? ''}"`;
}
