import { pointer, type Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import type { ResourceIndex } from '../resource-index.ts';
import { labelSelector, matches, describeSelector } from './lib/selectors.ts';
import { describe, listAt, namespaceOf, recordAt, stringAt, stringList, valueAt } from './lib/values.ts';

/** `namespaceSelector` of a monitor: `any: true`, `matchNames`, or (default) the monitor's own namespace. */
function inNamespaces(monitor: Resource): (namespace: string | undefined) => boolean {
  const selector = recordAt(monitor.object, 'spec', 'namespaceSelector');
  if (selector?.any === true) return () => true;
  const names = stringList(selector?.matchNames);
  if (names.length > 0) return (namespace) => namespace !== undefined && names.includes(namespace);
  const own = namespaceOf(monitor);
  return (namespace) => namespace === own;
}

function checkServiceMonitor(index: ResourceIndex, monitor: Resource): Violation[] {
  const selector = labelSelector(recordAt(monitor.object, 'spec', 'selector') ?? {});
  const inScope = inNamespaces(monitor);
  const services = index.services.filter((s) => inScope(s.namespace) && matches(selector, s.resource.object.metadata?.labels ?? {}));
  if (services.length === 0) {
    return [{ resource: monitor, path: '/spec/selector', message: `${describe(monitor)} selector ${describeSelector(selector)} matches the labels of no Service in the namespaces it watches` }];
  }
  const out: Violation[] = [];
  const serviceNames = services.map((s) => s.name).join(', ');
  listAt(monitor.object, 'spec', 'endpoints').forEach((endpoint, e) => {
    const port = stringAt(endpoint, 'port');
    if (port && !services.some((s) => s.ports.some((p) => p.name === port))) {
      const offered = [...new Set(services.flatMap((s) => s.ports.map((p) => p.name).filter(Boolean)))].join(', ') || 'no named ports';
      out.push({ resource: monitor, path: pointer('spec', 'endpoints', e, 'port'), message: `${describe(monitor)} endpoint port "${port}" is not a port name of the selected Service(s) ${serviceNames}, which name ${offered}` });
    }
    const targetPort = valueAt(endpoint, 'targetPort');
    if (typeof targetPort === 'string' || typeof targetPort === 'number') {
      const workloads = services.flatMap((s) => (s.selector ? index.workloadsSelectedBy(s.selector, s.namespace) : []));
      const found = workloads.some((w) => index.containerPorts(w).some((p) => (typeof targetPort === 'number' ? p.number === targetPort : p.name === targetPort)));
      if (workloads.length > 0 && !found) {
        out.push({ resource: monitor, path: pointer('spec', 'endpoints', e, 'targetPort'), message: `${describe(monitor)} endpoint targetPort ${JSON.stringify(targetPort)} is no container port of the pods behind ${serviceNames} (${workloads.map((w) => `${w.kind} ${w.name}`).join(', ')})` });
      }
    }
  });
  return out;
}

function checkPodMonitor(index: ResourceIndex, monitor: Resource): Violation[] {
  const selector = labelSelector(recordAt(monitor.object, 'spec', 'selector') ?? {});
  const inScope = inNamespaces(monitor);
  const workloads = index.workloads.filter((w) => inScope(w.namespace) && matches(selector, w.labels));
  if (workloads.length === 0) {
    return [{ resource: monitor, path: '/spec/selector', message: `${describe(monitor)} selector ${describeSelector(selector)} matches the pods of no workload in the namespaces it watches` }];
  }
  const out: Violation[] = [];
  const names = workloads.map((w) => `${w.kind} ${w.name}`).join(', ');
  listAt(monitor.object, 'spec', 'podMetricsEndpoints').forEach((endpoint, e) => {
    const port = stringAt(endpoint, 'port');
    if (!port || workloads.some((w) => index.containerPorts(w).some((p) => p.name === port))) return;
    out.push({ resource: monitor, path: pointer('spec', 'podMetricsEndpoints', e, 'port'), message: `${describe(monitor)} podMetricsEndpoint port "${port}" is not a container port name of ${names}` });
  });
  return out;
}

export const serviceMonitorTarget: Rule = {
  id: 'servicemonitor-target',
  severity: 'error',
  description:
    'A ServiceMonitor selects at least one Service in the namespaces it watches (its own unless namespaceSelector says any or matchNames) and each endpoint port names a port of a selected Service (targetPort: a container port of their pods); a PodMonitor selects pods and each podMetricsEndpoints port names a container port.',
  fix: "Make the monitor's selector match the Service (or pod) labels and use a port name they define.",
  kinds: ['ServiceMonitor', 'PodMonitor', 'Service', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob'],
  equivalents: { kubeLinter: 'dangling-servicemonitor' },
  check(context) {
    const index = context.index;
    return [
      ...context.index.byKind('ServiceMonitor').flatMap((monitor) => checkServiceMonitor(index, monitor)),
      ...context.index.byKind('PodMonitor').flatMap((monitor) => checkPodMonitor(index, monitor)),
    ];
  },
};
