import { pointer } from '../../lib/model.ts';
import type { ResourceIndex, Workload } from '../resource-index.ts';
import type { Rule, Violation } from '../rule.ts';
import { describe } from './lib/values.ts';

/**
 * The workloads of `workloads` that do not declare `target`; a pod that declares no ports documents nothing
 * to compare a number with. Kept per list and target: Services with the same selector share the list.
 */
function lacking(index: ResourceIndex, workloads: readonly Workload[], target: number | string): Workload[] {
  const answers = index.memo('service-target-port', () => new WeakMap<readonly Workload[], Map<number | string, Workload[]>>());
  let byTarget = answers.get(workloads);
  if (!byTarget) answers.set(workloads, (byTarget = new Map()));
  let found = byTarget.get(target);
  if (!found) {
    const named = typeof target === 'string';
    found = workloads.filter((workload) => {
      const declared = index.containerPorts(workload);
      if (!named && declared.length === 0) return false;
      return !declared.some((p) => (named ? p.name === target : p.number === target));
    });
    byTarget.set(target, found);
  }
  return found;
}

export const serviceTargetPort: Rule = {
  id: 'service-target-port',
  severity: 'error',
  description:
    "A Service port's targetPort (defaulting to port) names or numbers a container port of every workload the Service selects; an unknown name gets no endpoints (error), an undeclared number only works if the process listens there (warning).",
  fix: 'Point targetPort at a containerPort name or number the selected pods declare, or declare that port on the container.',
  kinds: ['Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: {},
  check(context) {
    const index = context.index;
    const violations: Violation[] = [];
    for (const service of index.services) {
      if (!service.selector) continue;
      const workloads = index.workloadsSelectedBy(service.selector, service.namespace);
      for (const port of service.ports) {
        const target = port.targetPort ?? port.port;
        const path = pointer('spec', 'ports', port.index, port.targetPort === undefined ? 'port' : 'targetPort');
        const named = typeof target === 'string';
        for (const workload of lacking(context.index, workloads, target)) {
          const declared = index.containerPorts(workload);
          const offered = declared.map((p) => (p.name ? `${p.name} (${p.number})` : String(p.number))).join(', ') || 'none';
          const label = port.name ? `port "${port.name}"` : `port ${port.port}`;
          violations.push({
            resource: service.resource,
            path,
            message: `${describe(service.resource)} ${label} targets ${named ? `"${target}"` : target}, which ${describe(workload.resource)} does not declare as a container port (it declares ${offered})`,
            ...(named ? {} : { severity: 'warning' as const }),
          });
        }
      }
    }
    return violations;
  },
};
