import type { Rule, Violation } from '../rule.ts';
import { claimFromTemplate, configReferences, isDeclaredExternal, secretProducer } from './lib/references.ts';
import { describe, describeNamespace } from './lib/values.ts';

export const volumeReferences: Rule = {
  id: 'volume-references',
  severity: 'error',
  description:
    "Every persistentVolumeClaim, configMap, secret and projected volume, and every envFrom/valueFrom reference, names an object in the render, one a resource in it produces (ExternalSecret target, SealedSecret, Certificate secretName, StatefulSet volumeClaimTemplates), or one declared in the `external` setting (secrets, configMaps, persistentVolumeClaims); optional references are skipped.",
  fix: 'Add the missing object to the overlay, fix the name, mark the reference optional, or declare it under external in the configuration.',
  kinds: ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ExternalSecret', 'SealedSecret', 'Certificate', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const ref of configReferences(context)) {
      if (ref.optional) continue;
      const namespace = ref.workload.namespace;
      if (index.find(ref.kind, ref.name, namespace)) continue;
      if (isDeclaredExternal(context.settings, ref.kind, ref.name)) continue;
      if (ref.kind === 'Secret' && secretProducer(context.index, ref.name, namespace)) continue;
      if (ref.kind === 'PersistentVolumeClaim' && claimFromTemplate(index, ref.name, namespace)) continue;
      const where = ref.container ? ` (container "${ref.container}", ${ref.via})` : ` (${ref.via})`;
      violations.push({
        resource: ref.workload.resource,
        path: ref.path,
        ...(ref.container ? { container: ref.container } : {}),
        message: `${describe(ref.workload.resource)} refers to ${ref.kind} "${ref.name}"${where}, which is neither in the render in namespace ${describeNamespace(namespace)}, produced by a resource in it, nor declared external`,
      });
    }
    return violations;
  },
};
