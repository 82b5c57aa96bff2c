import type { Rule, Violation } from '../rule.ts';
import { declaredReplicas, type ResourceIndex, type Workload } from '../resource-index.ts';
import { formatIntOrPercent, parseIntOrPercent, scaled } from './lib/int-or-percent.ts';
import { configReferences } from './lib/references.ts';
import { describe, stringAt, stringList, valueAt } from './lib/values.ts';

/** Why the workload can run two pods at the same moment, or undefined when it cannot. */
function concurrency(index: ResourceIndex, workload: Workload): string | undefined {
  if (workload.kind === 'DaemonSet') return 'a DaemonSet runs one pod per node';
  const replicas = declaredReplicas(workload);
  if (replicas === undefined) return undefined;
  if (replicas > 1) return `replicas is ${replicas}`;
  const hpa = index.hpasTargeting(workload).find((h) => (h.maxReplicas ?? 1) > 1);
  if (hpa) return `${describe(hpa.resource)} scales it up to ${hpa.maxReplicas}`;
  if (workload.kind !== 'Deployment') return undefined;
  const strategy = stringAt(workload.resource.object, 'spec', 'strategy', 'type') ?? 'RollingUpdate';
  if (strategy !== 'RollingUpdate') return undefined;
  const surge = parseIntOrPercent(valueAt(workload.resource.object, 'spec', 'strategy', 'rollingUpdate', 'maxSurge') ?? '25%');
  if (!surge || scaled(surge, replicas, true) < 1) return undefined;
  return `its RollingUpdate (maxSurge ${formatIntOrPercent(surge)}) starts a new pod before the old one stops`;
}

export const rwoMultiAttach: Rule = {
  id: 'rwo-multi-attach',
  severity: 'error',
  description:
    'A ReadWriteOnce or ReadWriteOncePod PersistentVolumeClaim is mounted only by a workload that runs one pod at a time: not replicas > 1, an HPA max > 1, a DaemonSet, or a Deployment RollingUpdate whose maxSurge (default 25%, rounded up) starts a second pod; a second pod on another node hangs on Multi-Attach.',
  fix: 'Use strategy Recreate with one replica and no HPA, a ReadWriteMany volume, or a StatefulSet with volumeClaimTemplates.',
  kinds: ['PersistentVolumeClaim', 'HorizontalPodAutoscaler', 'ScaledObject', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const ref of configReferences(context)) {
      if (ref.kind !== 'PersistentVolumeClaim') continue;
      const claim = index.find('PersistentVolumeClaim', ref.name, ref.workload.namespace);
      if (!claim) continue;
      const modes = stringList(valueAt(claim.object, 'spec', 'accessModes'));
      const single = modes.find((mode) => mode === 'ReadWriteOnce' || mode === 'ReadWriteOncePod');
      if (!single || modes.some((mode) => mode === 'ReadWriteMany' || mode === 'ReadOnlyMany')) continue;
      const reason = concurrency(index, ref.workload);
      if (!reason) continue;
      violations.push({
        resource: ref.workload.resource,
        path: ref.path,
        message: `${describe(ref.workload.resource)} mounts ${single} ${describe(claim)}, but can run two pods at once: ${reason}`,
      });
    }
    return violations;
  },
};
