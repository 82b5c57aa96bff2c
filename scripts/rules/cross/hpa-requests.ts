import { pointer } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { containersOf } from '../resource-index.ts';
import { describe, listAt, numberAt, recordAt, stringAt, valueAt } from './lib/values.ts';

interface UtilizationTarget {
  resource: 'cpu' | 'memory';
  path: string;
  /** Only for ContainerResource metrics. */
  container?: string;
}

// A KEDA ScaledObject's cpu and memory triggers become the Resource (or, with containerName, ContainerResource)
// metrics of the HPA it makes; a Utilization one (trigger.metricType, or the deprecated metadata.type) needs
// requests as an HPA's does (keda.sh/docs/*/scalers/cpu and memory).
function scaledObjectTargets(scaledObject: Record<string, unknown>): UtilizationTarget[] {
  const out: UtilizationTarget[] = [];
  listAt(scaledObject, 'spec', 'triggers').forEach((trigger, t) => {
    const name = stringAt(trigger, 'type');
    if (name !== 'cpu' && name !== 'memory') return;
    const metricType = stringAt(trigger, 'metricType') ?? stringAt(trigger, 'metadata', 'type');
    if (metricType !== 'Utilization') return;
    const target: UtilizationTarget = { resource: name, path: pointer('spec', 'triggers', t) };
    const container = stringAt(trigger, 'metadata', 'containerName');
    if (container) target.container = container;
    out.push(target);
  });
  return out;
}

function utilizationTargets(hpa: Record<string, unknown>): UtilizationTarget[] {
  if (hpa.kind === 'ScaledObject') return scaledObjectTargets(hpa);
  const out: UtilizationTarget[] = [];
  // autoscaling/v1 has a single CPU utilization field.
  if (numberAt(hpa, 'spec', 'targetCPUUtilizationPercentage') !== undefined) {
    out.push({ resource: 'cpu', path: '/spec/targetCPUUtilizationPercentage' });
  }
  listAt(hpa, 'spec', 'metrics').forEach((metric, m) => {
    const type = stringAt(metric, 'type');
    const field = type === 'Resource' ? 'resource' : type === 'ContainerResource' ? 'containerResource' : undefined;
    if (!field) return;
    const source = recordAt(metric, field);
    const name = stringAt(source, 'name');
    const utilization =
      stringAt(source, 'target', 'type') === 'Utilization' || valueAt(source, 'targetAverageUtilization') !== undefined;
    if (!utilization || (name !== 'cpu' && name !== 'memory')) return;
    const target: UtilizationTarget = { resource: name, path: pointer('spec', 'metrics', m) };
    const container = stringAt(source, 'container');
    if (container) target.container = container;
    out.push(target);
  });
  return out;
}

export const hpaRequests: Rule = {
  id: 'hpa-requests',
  severity: 'error',
  description:
    'A HorizontalPodAutoscaler with a CPU or memory Utilization target, or a KEDA ScaledObject with such a cpu or memory trigger, scales a workload whose every container requests that resource (utilization is a share of the request; a limit alone becomes the request; without either the HPA cannot compute it).',
  fix: 'Set resources.requests.cpu (or memory) on every container of the target, or scale on an AverageValue target (metricType: AverageValue for a KEDA trigger) instead.',
  kinds: ['HorizontalPodAutoscaler', 'ScaledObject', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const hpa of index.hpas) {
      const workload = index.workloadFor(hpa);
      if (!workload) continue;
      for (const target of utilizationTargets(hpa.resource.object)) {
        for (const container of containersOf(workload.template, ['containers'])) {
          if (target.container && container.name !== target.container) continue;
          // A limit without a request becomes the request when the pod is created (API defaulting).
          if (valueAt(container.container, 'resources', 'requests', target.resource) !== undefined) continue;
          if (valueAt(container.container, 'resources', 'limits', target.resource) !== undefined) continue;
          violations.push({
            resource: hpa.resource,
            path: target.path,
            container: container.name,
            message: `${describe(hpa.resource)} targets ${target.resource} utilization, but container "${container.name}" of ${describe(workload.resource)} requests no ${target.resource}`,
          });
        }
      }
    }
    return violations;
  },
};
