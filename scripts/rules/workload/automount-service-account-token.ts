import type { Resource } from '../../lib/model.ts';
import type { Rule, RuleContext, Violation } from '../rule.ts';
import { podViolation, WORKLOAD_KINDS } from './lib/containers.ts';
import { BINDING_KINDS } from './lib/rbac.ts';
import { isRecord, listAt } from '../lib/read.ts';

export const automountServiceAccountToken: Rule = {
  id: 'automount-service-account-token',
  severity: 'warning',
  description: 'A pod mounts an API token only if its ServiceAccount is bound to a Role or ClusterRole in the render.',
  fix: 'Set automountServiceAccountToken: false on the pod or its ServiceAccount, or bind the account to the Role it needs.',
  kinds: [...WORKLOAD_KINDS, 'ServiceAccount', ...BINDING_KINDS],
  equivalents: { polaris: 'automountServiceAccountToken' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      const rawName = template.spec.serviceAccountName ?? template.spec.serviceAccount;
      const account = typeof rawName === 'string' && rawName !== '' ? rawName : 'default';
      const namespace = template.resource.object.metadata?.namespace;
      // The pod's own field wins over the ServiceAccount's.
      const podSetting = template.spec.automountServiceAccountToken;
      const serviceAccount = context.index.find('ServiceAccount', account, namespace);
      const mounted = podSetting === true || (podSetting !== false && serviceAccount?.object.automountServiceAccountToken !== false);
      if (!mounted || isBound(context, account, namespace)) continue;
      violations.push(
        podViolation(
          template,
          '/automountServiceAccountToken',
          `mounts a token for ServiceAccount "${account}", which no RoleBinding or ClusterRoleBinding in the render uses`,
        ),
      );
    }
    return violations;
  },
};

function isBound(context: RuleContext, account: string, namespace: string | undefined): boolean {
  return BINDING_KINDS.some((kind) =>
    context.index.byKind(kind).some((binding: Resource) =>
      listAt(binding.object, 'subjects').some(
        (subject) =>
          isRecord(subject) &&
          subject.kind === 'ServiceAccount' &&
          subject.name === account &&
          // Without a namespace on either side, kustomize's namespace transformer decides: assume the same.
          (namespace === undefined || subject.namespace === undefined || subject.namespace === namespace),
      ),
    ),
  );
}
