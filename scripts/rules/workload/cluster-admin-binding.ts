import type { Rule, Violation } from '../rule.ts';
import type { ResourceIndex } from '../resource-index.ts';
import { BINDING_KINDS, describeRole } from './lib/rbac.ts';
import { isRecord, listAt, recordAt, stringList } from '../lib/read.ts';

/** A ClusterRole of the render with a rule that grants every verb on every resource of every API group. */
function isAdminInAllButName(index: ResourceIndex, name: string): boolean {
  const role = index.find('ClusterRole', name, undefined);
  if (!role) return false;
  return listAt(role.object, 'rules').some(
    (rule) =>
      isRecord(rule) &&
      stringList(rule.apiGroups).includes('*') &&
      stringList(rule.resources).includes('*') &&
      stringList(rule.verbs).includes('*'),
  );
}

export const clusterAdminBinding: Rule = {
  id: 'cluster-admin-binding',
  severity: 'error',
  description:
    'No RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole, or a ClusterRole of the render that is cluster-admin in all but name (* verbs on * resources in * API groups).',
  fix: 'Bind a Role or ClusterRole that grants only what the subjects need.',
  kinds: [...BINDING_KINDS, 'ClusterRole'],
  equivalents: { kubeLinter: 'cluster-admin-role-binding', polaris: 'clusterrolebindingClusterAdmin, rolebindingClusterAdminClusterRole' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const kind of BINDING_KINDS) {
      for (const resource of context.index.byKind(kind)) {
        const roleRef = recordAt(resource.object, 'roleRef');
        if (roleRef?.kind !== 'ClusterRole' || typeof roleRef.name !== 'string') continue;
        if (roleRef.name === 'cluster-admin') {
          violations.push({ resource, path: '/roleRef/name', message: `${describeRole(resource)} grants cluster-admin` });
        } else if (isAdminInAllButName(context.index, roleRef.name)) {
          violations.push({
            resource,
            path: '/roleRef/name',
            message: `${describeRole(resource)} grants ClusterRole "${roleRef.name}", which allows every verb on every resource of every API group: cluster-admin in all but name`,
          });
        }
      }
    }
    return violations;
  },
};
