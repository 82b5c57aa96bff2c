// The relational half of the resource index: workloads with their labels, Services with selectors and ports,
// HPAs with their targets, and the lookups between them. Built lazily by buildIndex, once per index.
import type { Resource } from '../lib/model.ts';
import { controllerLabels } from './cross/lib/cluster-given.ts';
import { labelSelector, mapSelector, matches, type AddedLabels, type LabelSelector } from './cross/lib/selectors.ts';
import { isRecord, listAt, nameOf, namespaceOf, numberAt, recordAt, stringAt } from './cross/lib/values.ts';
import { containersOf, type PodTemplate } from './pod-templates.ts';

export interface Workload {
  template: PodTemplate;
  resource: Resource;
  kind: string;
  name: string;
  namespace: string | undefined;
  labels: Record<string, string>;
  /** Labels the workload's controller adds to its pods (pod-template-hash, statefulset pod-name, job-name, ...). */
  addedLabels: AddedLabels;
}

export interface ContainerPort {
  name?: string;
  number: number;
}

export interface ServicePort {
  index: number;
  name?: string;
  port: number;
  /** As written: a number, a port name, or undefined (defaults to `port`). */
  targetPort: number | string | undefined;
}

export interface ServiceInfo {
  resource: Resource;
  name: string;
  namespace: string | undefined;
  /** Undefined for a Service without selector (endpoints managed by hand) or an ExternalName Service. */
  selector: LabelSelector | undefined;
  ports: ServicePort[];
  externalName: boolean;
}

export interface HpaInfo {
  resource: Resource;
  namespace: string | undefined;
  targetKind: string | undefined;
  targetName: string | undefined;
  minReplicas: number;
  maxReplicas: number | undefined;
}

export interface Relations {
  workloads: Workload[];
  services: ServiceInfo[];
  hpas: HpaInfo[];
  workloadsSelectedBy(selector: LabelSelector, namespace: string | undefined): Workload[];
  servicesSelecting(workload: Workload): ServiceInfo[];
  hpasTargeting(workload: Workload): HpaInfo[];
  workloadFor(hpa: HpaInfo): Workload | undefined;
  containerPorts(workload: Workload): ContainerPort[];
}

function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const group = groups.get(keyOf(item));
    if (group) group.push(item);
    else groups.set(keyOf(item), [item]);
  }
  return groups;
}

function cached<T>(cache: Map<string, T>, cacheKey: string, compute: () => T): T {
  let value = cache.get(cacheKey);
  if (value === undefined) cache.set(cacheKey, (value = compute()));
  return value;
}

export function key(kind: string, namespace: string | undefined, name: string): string {
  return `${kind}\u0000${namespace ?? ''}\u0000${name}`;
}

function servicePorts(resource: Resource): ServicePort[] {
  return listAt(resource.object, 'spec', 'ports').flatMap((item, index) => {
    const port = numberAt(item, 'port');
    if (port === undefined || !isRecord(item)) return [];
    const target = item.targetPort;
    const targetPort = typeof target === 'number' || (typeof target === 'string' && target !== '') ? target : undefined;
    return [{ index, name: stringAt(item, 'name'), port, targetPort: typeof targetPort === 'string' && /^\d+$/.test(targetPort) ? Number(targetPort) : targetPort }];
  });
}

function serviceInfo(resource: Resource): ServiceInfo {
  const spec = recordAt(resource.object, 'spec');
  const externalName = spec?.type === 'ExternalName';
  const rawSelector = spec?.selector;
  const selector = !externalName && isRecord(rawSelector) && Object.keys(rawSelector).length > 0 ? mapSelector(rawSelector) : undefined;
  return { resource, name: nameOf(resource), namespace: namespaceOf(resource), selector, ports: servicePorts(resource), externalName };
}

/**
 * A KEDA ScaledObject scales like the HPA it makes: target kind defaults to Deployment, maxReplicaCount to 100;
 * that HPA's floor is at least 1 (KEDA itself takes an idle workload to 0, with no pod left to evict).
 */
function scaledObjectInfo(resource: Resource): HpaInfo {
  return {
    resource,
    namespace: namespaceOf(resource),
    targetKind: stringAt(resource.object, 'spec', 'scaleTargetRef', 'kind') ?? 'Deployment',
    targetName: stringAt(resource.object, 'spec', 'scaleTargetRef', 'name'),
    minReplicas: Math.max(numberAt(resource.object, 'spec', 'minReplicaCount') ?? 0, 1),
    maxReplicas: numberAt(resource.object, 'spec', 'maxReplicaCount') ?? 100,
  };
}

function hpaInfo(resource: Resource): HpaInfo {
  if (resource.object.kind === 'ScaledObject') return scaledObjectInfo(resource);
  return {
    resource,
    namespace: namespaceOf(resource),
    targetKind: stringAt(resource.object, 'spec', 'scaleTargetRef', 'kind'),
    targetName: stringAt(resource.object, 'spec', 'scaleTargetRef', 'name'),
    minReplicas: numberAt(resource.object, 'spec', 'minReplicas') ?? 1,
    maxReplicas: numberAt(resource.object, 'spec', 'maxReplicas'),
  };
}

/** HorizontalPodAutoscalers and KEDA ScaledObjects (keda.sh), which make one. */
function isScaler(resource: Resource): boolean {
  const { kind, apiVersion } = resource.object;
  return kind === 'HorizontalPodAutoscaler' || (kind === 'ScaledObject' && String(apiVersion ?? '').startsWith('keda.sh/'));
}

export function buildRelations(resources: readonly Resource[], templates: readonly PodTemplate[]): Relations {
  const workloads: Workload[] = templates.map((template) => ({
    template,
    resource: template.resource,
    kind: template.resource.object.kind,
    name: nameOf(template.resource),
    namespace: namespaceOf(template.resource),
    labels: template.labels,
    addedLabels: controllerLabels({ kind: template.resource.object.kind, name: nameOf(template.resource) }),
  }));
  const services = resources.filter((r) => r.object.kind === 'Service').map(serviceInfo);
  const hpas = resources.filter(isScaler).map(hpaInfo);
  const ports = new Map<Workload, ContainerPort[]>();
  // Lookups by key and memoised selections keep rules linear when thousands of resources share labels.
  const workloadsIn = groupBy(workloads, (w) => w.namespace);
  const servicesIn = groupBy(services, (s) => s.namespace);
  const workloadByKey = new Map(workloads.map((w) => [key(w.kind, w.namespace, w.name), w]));
  const hpasByTarget = new Map<string, HpaInfo[]>();
  for (const hpa of hpas) {
    if (!hpa.targetKind || !hpa.targetName) continue;
    const target = key(hpa.targetKind, hpa.namespace, hpa.targetName);
    hpasByTarget.set(target, [...(hpasByTarget.get(target) ?? []), hpa]);
  }
  const selections = new Map<string, Workload[]>();
  const selectedBy = new Map<string, ServiceInfo[]>();

  const relations: Relations = {
    workloads,
    services,
    hpas,
    workloadsSelectedBy: (selector, namespace) =>
      cached(selections, `${namespace ?? ''}\u0000${JSON.stringify(selector)}`, () =>
        (workloadsIn.get(namespace) ?? []).filter((w) => matches(selector, w.labels, w.addedLabels)),
      ),
    servicesSelecting: (workload) =>
      cached(selectedBy, `${workload.namespace ?? ''}\u0000${addedLabelsKey(workload)}\u0000${JSON.stringify(workload.labels)}`, () =>
        (servicesIn.get(workload.namespace) ?? []).filter((s) => s.selector && matches(s.selector, workload.labels, workload.addedLabels)),
      ),
    hpasTargeting: (workload) => hpasByTarget.get(key(workload.kind, workload.namespace, workload.name)) ?? [],
    workloadFor: (hpa) => (hpa.targetKind && hpa.targetName ? workloadByKey.get(key(hpa.targetKind, hpa.namespace, hpa.targetName)) : undefined),
    containerPorts: (workload) => {
      let list = ports.get(workload);
      if (!list) {
        list = containersOf(workload.template, ['containers', 'initContainers']).flatMap((ref) =>
          listAt(ref.container, 'ports').flatMap((port) => {
            const number = numberAt(port, 'containerPort');
            return number === undefined ? [] : [{ name: stringAt(port, 'name'), number }];
          }),
        );
        ports.set(workload, list);
      }
      return list;
    },
  };
  return relations;
}

/** Workloads whose pods get the same added labels share a cache entry; only some kinds' depend on the name. */
export function addedLabelsKey(workload: Workload): string {
  return ['StatefulSet', 'Job', 'CronJob'].includes(workload.kind) ? `${workload.kind}\u0000${workload.name}` : workload.kind;
}

/** `spec.replicas` as written, or the API default of 1 for kinds that scale; undefined for kinds that do not (DaemonSet, Pod, Job). */
export function declaredReplicas(workload: Workload): number | undefined {
  if (!['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController'].includes(workload.kind)) return undefined;
  return numberAt(workload.resource.object, 'spec', 'replicas') ?? 1;
}

export function selectorOf(resource: Resource, ...path: string[]): LabelSelector | undefined {
  const value = recordAt(resource.object, ...path);
  return value ? labelSelector(value) : undefined;
}
