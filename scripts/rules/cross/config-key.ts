import type { Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { configReferences, isDeclaredExternal, secretProducer } from './lib/references.ts';
import { SERVICE_ACCOUNT_TOKEN_KEYS } from './lib/cluster-given.ts';
import { describe, recordAt } from './lib/values.ts';

function keysOf(object: Resource): Set<string> {
  // The token controller fills these into a service-account-token Secret that is written empty.
  const keys = new Set<string>(object.object.type === 'kubernetes.io/service-account-token' ? SERVICE_ACCOUNT_TOKEN_KEYS : []);
  for (const field of ['data', 'binaryData', 'stringData']) {
    for (const key of Object.keys(recordAt(object.object, field) ?? {})) keys.add(key);
  }
  return keys;
}

export const configKey: Rule = {
  id: 'config-key',
  severity: 'error',
  description:
    'A configMapKeyRef/secretKeyRef key, and each items[].key of a configMap/secret volume, exists in the referenced object (data, binaryData, stringData; token, ca.crt and namespace of a service-account-token Secret, which the cluster fills) when that object is in the render and not produced or declared external; optional references are skipped.',
  fix: 'Use a key the ConfigMap or Secret defines, or add the key to it.',
  kinds: ['ConfigMap', 'Secret', 'ExternalSecret', 'SealedSecret', 'Certificate', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const ref of configReferences(context)) {
      if (ref.optional || ref.keys.length === 0 || ref.kind === 'PersistentVolumeClaim') continue;
      const namespace = ref.workload.namespace;
      const object = index.find(ref.kind, ref.name, namespace);
      if (!object || isDeclaredExternal(context.settings, ref.kind, ref.name, ref.workload.namespace)) continue;
      // The object that reaches the cluster is the produced one; the rendered copy may be a placeholder.
      if (ref.kind === 'Secret' && secretProducer(context.index, ref.name, namespace)) continue;
      const keys = keysOf(object);
      for (const { key, path } of ref.keys) {
        if (keys.has(key)) continue;
        violations.push({
          resource: ref.workload.resource,
          path,
          ...(ref.container ? { container: ref.container } : {}),
          message: `${describe(ref.workload.resource)} reads key "${key}" of ${describe(object)}, which defines ${[...keys].sort().join(', ') || 'no keys'}`,
        });
      }
    }
    return violations;
  },
};
