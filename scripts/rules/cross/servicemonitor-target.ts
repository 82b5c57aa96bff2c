import { pointer, type Resource } from '../../lib/model.ts';
import type { Rule, RuleContext, Violation } from '../rule.ts';
import { podsMadeOutside, servicesOutside } from './lib/outside-render.ts';
import { labelSelector, matches, describeSelector } from './lib/selectors.ts';
import { describe, listAt, namespaceOf, recordAt, stringAt, stringList, valueAt } from './lib/values.ts';

interface Watched {
  contains(namespace: string | undefined): boolean;
  /** For messages: 'namespace monitoring', 'namespaces a, b'. */
  text: string;
  /** A watched namespace of which the render holds nothing: what is there cannot be seen. */
  unseen: boolean;
}

/** `namespaceSelector` of a monitor: `any: true`, `matchNames`, or (default) the monitor's own namespace. */
function watched(monitor: Resource, rendered: ReadonlySet<string | undefined>): Watched {
  const selector = recordAt(monitor.object, 'spec', 'namespaceSelector');
  if (selector?.any === true) return { contains: () => true, text: 'every namespace', unseen: true };
  const names = stringList(selector?.matchNames);
  if (names.length > 0) {
    return { contains: (namespace) => namespace !== undefined && names.includes(namespace), text: `namespaces ${names.join(', ')}`, unseen: names.some((name) => !rendered.has(name)) };
  }
  const own = namespaceOf(monitor);
  return { contains: (namespace) => namespace === own, text: `namespace ${own ?? '(no namespace)'}`, unseen: false };
}

function renderedNamespaces(context: RuleContext): Set<string | undefined> {
  return context.index.memo('rendered-namespaces', () => new Set(context.resources.map(namespaceOf)));
}

function checkServiceMonitor(context: RuleContext, monitor: Resource): Violation[] {
  const index = context.index;
  const selector = labelSelector(recordAt(monitor.object, 'spec', 'selector') ?? {});
  const scope = watched(monitor, renderedNamespaces(context));
  const services = index.services.filter((s) => scope.contains(s.namespace) && matches(selector, s.resource.object.metadata?.labels ?? {}));
  if (services.length === 0) {
    const outside = servicesOutside(context.settings).some((s) => (s.namespace === undefined || scope.contains(s.namespace)) && matches(selector, s.labels));
    if (outside || scope.unseen) return [];
    return [{
      resource: monitor,
      path: '/spec/selector',
      message: `${describe(monitor)} selector ${describeSelector(selector)} matches the labels of no Service in ${scope.text} in the render; if that Service is made outside the render (another source, an operator), declare its labels under external.services (key=value,...)`,
    }];
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

function checkPodMonitor(context: RuleContext, monitor: Resource): Violation[] {
  const index = context.index;
  const selector = labelSelector(recordAt(monitor.object, 'spec', 'selector') ?? {});
  const scope = watched(monitor, renderedNamespaces(context));
  const workloads = index.workloads.filter((w) => scope.contains(w.namespace) && matches(selector, w.labels, w.addedLabels));
  if (workloads.length === 0) {
    if (scope.unseen || podsMadeOutside(context, selector, namespaceOf(monitor))) return [];
    return [{
      resource: monitor,
      path: '/spec/selector',
      message: `${describe(monitor)} selector ${describeSelector(selector)} matches the pods of no workload in ${scope.text} in the render; if those pods are made outside the render (another source, an operator), declare their labels under external.pods`,
    }];
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
    "A ServiceMonitor selects at least one Service in the namespaces it watches (its own unless namespaceSelector says any or matchNames) and each endpoint port names a port of a selected Service (targetPort: a container port of their pods); a PodMonitor selects pods and each podMetricsEndpoints port names a container port. The cluster's own Services (kubernetes, kube-dns, the operator's kubelet Service), label sets of `external.services` / `external.pods`, pods an operator makes from a custom resource of the render, and monitors watching a namespace the render holds nothing of (any: true included) are not reported.",
  fix: "Make the monitor's selector match the Service (or pod) labels and use a port name they define; declare a target made outside the render under external.services or external.pods.",
  // Every kind: which namespaces the render holds, and custom resources whose operators make the pods.
  kinds: ['*'],
  equivalents: { kubeLinter: 'dangling-servicemonitor' },
  check(context) {
    return [
      ...context.index.byKind('ServiceMonitor').flatMap((monitor) => checkServiceMonitor(context, monitor)),
      ...context.index.byKind('PodMonitor').flatMap((monitor) => checkPodMonitor(context, monitor)),
    ];
  },
};
