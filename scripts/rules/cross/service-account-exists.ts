import type { Rule, Violation } from '../rule.ts';
import { EVERY_NAMESPACE_SERVICE_ACCOUNT } from './lib/cluster-given.ts';
import { listsName } from './lib/outside-render.ts';
import { placedByApply } from './lib/references.ts';
import { describe, describeNamespace, stringAt } from './lib/values.ts';

export const serviceAccountExists: Rule = {
  id: 'service-account-exists',
  severity: 'error',
  description:
    "A workload's serviceAccountName (when set and not `default`) names a ServiceAccount in the render in its namespace, or one listed in the `external.serviceAccounts` setting (`name` or `namespace/name`).",
  fix: 'Fix the name or add the ServiceAccount to the overlay; when it is made outside the render, list it under external.serviceAccounts in the configuration.',
  kinds: ['ServiceAccount', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'non-existent-service-account' },
  check(context) {
    const index = context.index;
    const external = context.settings.external.serviceAccounts;
    const violations: Violation[] = [];
    for (const workload of index.workloads) {
      const field = stringAt(workload.template.spec, 'serviceAccountName') ? 'serviceAccountName' : 'serviceAccount';
      const name = stringAt(workload.template.spec, field);
      if (!name || name === EVERY_NAMESPACE_SERVICE_ACCOUNT || listsName(external, name, workload.namespace)) continue;
      if (index.find('ServiceAccount', name, workload.namespace) || placedByApply(index, 'ServiceAccount', name, workload.namespace)) continue;
      violations.push({
        resource: workload.resource,
        path: `${workload.template.specPath}/${field}`,
        message: `${describe(workload.resource)} runs as ServiceAccount ${workload.namespace ? `${workload.namespace}/` : ''}${name}, which is not in the render in namespace ${describeNamespace(workload.namespace)}; if it is made outside the render (another source, an operator), declare it under external.serviceAccounts`,
      });
    }
    return violations;
  },
};
