import type { Rule, Violation } from '../rule.ts';
import type { Workload } from '../resource-index.ts';
import { configReferences, isDeclaredExternal, secretProducer, type ConfigReference } from './lib/references.ts';
import { describe, recordAt } from './lib/values.ts';

/** kustomize's configMapGenerator/secretGenerator suffix: '-' and ten characters of its vowel-free hash alphabet. */
const GENERATED_SUFFIX = /-[bcdfghkmt2456789]{10}$/;
/** A pod-template annotation carrying a content hash (Helm's checksum/config, config-hash, ...). */
const HASH_ANNOTATION = /(checksum|hash)/i;
/** Stakater Reloader rolls the pods itself when the watched objects change. */
const RELOADER_ANNOTATION = /^(secret\.|configmap\.)?reloader\.stakater\.com\//;

function rollsOnChange(workload: Workload): boolean {
  const templateAnnotations = recordAt(workload.resource.object, ...workload.template.specPath.slice(1).split('/').slice(0, -1), 'metadata', 'annotations') ?? {};
  if (Object.keys(templateAnnotations).some((key) => HASH_ANNOTATION.test(key))) return true;
  const annotations = workload.resource.object.metadata?.annotations ?? {};
  return Object.keys(annotations).some((key) => RELOADER_ANNOTATION.test(key));
}

export const configRollout: Rule = {
  id: 'config-rollout',
  severity: 'warning',
  description:
    'A ConfigMap or Secret of the render that a workload consumes carries a kustomize generator hash suffix (-<10 chars>), or the pod template has a checksum/hash annotation (or Stakater Reloader annotations), so a change rolls the pods; ExternalSecret-produced and external Secrets are exempt.',
  fix: 'Generate the object with configMapGenerator/secretGenerator (without disableNameSuffixHash), or add a content-hash annotation to the pod template.',
  kinds: ['ConfigMap', 'Secret', 'ExternalSecret', 'SealedSecret', 'Certificate', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    const firstReference = new Map<string, ConfigReference>();
    for (const ref of configReferences(context)) {
      if (ref.kind === 'PersistentVolumeClaim' || !ref.workload.template.longRunning) continue;
      const key = `${ref.workload.kind}\u0000${ref.workload.namespace ?? ''}\u0000${ref.workload.name}\u0000${ref.kind}\u0000${ref.name}`;
      if (!firstReference.has(key)) firstReference.set(key, ref);
    }
    for (const ref of firstReference.values()) {
      if (GENERATED_SUFFIX.test(ref.name)) continue;
      const object = index.find(ref.kind, ref.name, ref.workload.namespace);
      if (!object || isDeclaredExternal(context.settings, ref.kind, ref.name, ref.workload.namespace)) continue;
      if (ref.kind === 'Secret' && secretProducer(context.index, ref.name, ref.workload.namespace)) continue;
      if (rollsOnChange(ref.workload)) continue;
      violations.push({
        resource: ref.workload.resource,
        path: ref.path,
        ...(ref.container ? { container: ref.container } : {}),
        message: `${describe(ref.workload.resource)} consumes ${describe(object)}, whose name has no generator hash and whose pod template has no hash annotation: a change to it will not roll the pods`,
      });
    }
    return violations;
  },
};
