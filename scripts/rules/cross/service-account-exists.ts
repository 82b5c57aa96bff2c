import type { Rule, Violation } from '../rule.ts';
import { describe, describeNamespace, stringAt } from './lib/values.ts';

export const serviceAccountExists: Rule = {
  id: 'service-account-exists',
  severity: 'error',
  description:
    "A workload's serviceAccountName (when set and not `default`) names a ServiceAccount in the render in its namespace, or one listed in the `external.serviceAccounts` setting.",
  fix: 'Add the ServiceAccount to the overlay, fix the name, or list it under external in the configuration.',
  kinds: ['ServiceAccount', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'non-existent-service-account' },
  check(context) {
    const index = context.index;
    const external = context.settings.external.serviceAccounts;
    const violations: Violation[] = [];
    for (const workload of index.workloads) {
      const field = stringAt(workload.template.spec, 'serviceAccountName') ? 'serviceAccountName' : 'serviceAccount';
      const name = stringAt(workload.template.spec, field);
      if (!name || name === 'default' || external.includes(name)) continue;
      if (index.find('ServiceAccount', name, workload.namespace)) continue;
      violations.push({
        resource: workload.resource,
        path: `${workload.template.specPath}/${field}`,
        message: `${describe(workload.resource)} runs as ServiceAccount "${name}", which is not in the render in namespace ${describeNamespace(workload.namespace)} nor declared external`,
      });
    }
    return violations;
  },
};
