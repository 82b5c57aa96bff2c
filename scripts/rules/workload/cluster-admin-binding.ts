import type { Rule, Violation } from '../rule.ts';
import { BINDING_KINDS, describeRole } from './lib/rbac.ts';
import { recordAt } from '../lib/read.ts';

export const clusterAdminBinding: Rule = {
  id: 'cluster-admin-binding',
  severity: 'error',
  description: 'No RoleBinding or ClusterRoleBinding grants the cluster-admin ClusterRole.',
  fix: 'Bind a Role or ClusterRole that grants only what the subjects need.',
  kinds: BINDING_KINDS,
  equivalents: { kubeLinter: 'cluster-admin-role-binding', polaris: 'clusterrolebindingClusterAdmin' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const kind of BINDING_KINDS) {
      for (const resource of context.index.byKind(kind)) {
        const roleRef = recordAt(resource.object, 'roleRef');
        if (roleRef?.kind !== 'ClusterRole' || roleRef.name !== 'cluster-admin') continue;
        violations.push({ resource, path: '/roleRef/name', message: `${describeRole(resource)} grants cluster-admin` });
      }
    }
    return violations;
  },
};
