import type { Rule, Violation } from '../rule.ts';
import { EVERY_NAMESPACE_CONFIGMAPS } from './lib/cluster-given.ts';
import { claimFromTemplate, configReferences, externalKey, isDeclaredExternal, placedByApply, secretProducer } from './lib/references.ts';
import { describe, describeNamespace } from './lib/values.ts';

export const volumeReferences: Rule = {
  id: 'volume-references',
  severity: 'error',
  description:
    "Every persistentVolumeClaim, configMap, secret and projected volume, and every envFrom/valueFrom reference, names an object in the render, one a resource in it produces (ExternalSecret target, SealedSecret, Certificate secretName, a Job or CronJob that names it as the Secret it writes, StatefulSet volumeClaimTemplates), one every namespace has (the kube-root-ca.crt ConfigMap), or one declared in the `external` setting (secrets, configMaps, persistentVolumeClaims: `name` or `namespace/name`); optional references, and objects of the render that set no namespace (namespace-consistency's finding), are skipped.",
  fix: 'Fix the name, add the object to the overlay, mark the reference optional, or, when the object is made outside the render, declare it under external in the configuration.',
  kinds: ['ConfigMap', 'Secret', 'PersistentVolumeClaim', 'ExternalSecret', 'SealedSecret', 'Certificate', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const ref of configReferences(context)) {
      if (ref.optional) continue;
      const namespace = ref.workload.namespace;
      if (index.find(ref.kind, ref.name, namespace) || placedByApply(index, ref.kind, ref.name, namespace)) continue;
      if (isDeclaredExternal(context.settings, ref.kind, ref.name, namespace)) continue;
      if (ref.kind === 'ConfigMap' && EVERY_NAMESPACE_CONFIGMAPS.includes(ref.name)) continue;
      if (ref.kind === 'Secret' && secretProducer(context.index, ref.name, namespace)) continue;
      if (ref.kind === 'PersistentVolumeClaim' && claimFromTemplate(index, ref.name, namespace)) continue;
      const where = ref.container ? ` (container "${ref.container}", ${ref.via})` : ` (${ref.via})`;
      const missing = `${ref.kind} ${namespace ? `${namespace}/` : ''}${ref.name}`;
      violations.push({
        resource: ref.workload.resource,
        path: ref.path,
        ...(ref.container ? { container: ref.container } : {}),
        message: `${describe(ref.workload.resource)} refers to ${missing}${where}, which is not in the render in namespace ${describeNamespace(namespace)} nor made by a resource in it; if it is made outside the render (another source, an operator, by hand), declare it under ${externalKey(ref.kind)}`,
      });
    }
    return violations;
  },
};
