// The one resource index of a run, built once per source (and per distinct `kinds` list of the rules that
// read it): resources by kind and by name, pod templates, and the relations between workloads, Services and
// HPAs. Everything derived from it is cached on the index itself, so nothing outlives the run.
import type { Resource } from '../lib/model.ts';
import { nameOf, namespaceOf } from './cross/lib/values.ts';
import { podTemplateOf, TEMPLATE_ONLY_KINDS, type PodTemplate } from './pod-templates.ts';
import { buildRelations, key, type Relations } from './resource-relations.ts';

export * from './pod-templates.ts';
export type { ContainerPort, HpaInfo, Relations, ServiceInfo, ServicePort, Workload } from './resource-relations.ts';
export { declaredReplicas, selectorOf } from './resource-relations.ts';

export interface ResourceIndex extends Relations {
  byKind(kind: string): Resource[];
  /**
   * The resource of this kind and name in `namespace`, read as everywhere in the rules: a resource without a
   * namespace is in the deployer's namespace, shared by the whole source, so it matches a lookup without one.
   */
  find(kind: string, name: string, namespace: string | undefined): Resource | undefined;
  podTemplates: PodTemplate[];
  /** A value derived from the index, computed on first use and kept as long as the index (one source, one run). */
  memo<T>(name: string, compute: () => T): T;
}

export function buildIndex(resources: readonly Resource[]): ResourceIndex {
  const kinds = new Map<string, Resource[]>();
  const byKey = new Map<string, Resource>();
  const podTemplates: PodTemplate[] = [];
  for (const resource of resources) {
    const kind = resource.object.kind;
    let list = kinds.get(kind);
    if (!list) kinds.set(kind, (list = []));
    list.push(resource);
    const name = nameOf(resource);
    if (name !== '') byKey.set(key(kind, namespaceOf(resource), name), resource);
    const template = podTemplateOf(resource);
    if (template) podTemplates.push(template);
  }
  let relations: Relations | undefined;
  // Most sources never ask for Services or HPAs through a rule that needs them joined: build on first use.
  // A PodTemplate object makes no pods: it is checked like a pod template but is no workload of the relations.
  const joined = () =>
    (relations ??= buildRelations(resources, podTemplates.filter((template) => !TEMPLATE_ONLY_KINDS.has(template.resource.object.kind))));
  const memos = new Map<string, unknown>();
  return {
    byKind: (kind) => kinds.get(kind) ?? [],
    find: (kind, name, namespace) => byKey.get(key(kind, namespace, name)),
    podTemplates,
    get workloads() {
      return joined().workloads;
    },
    get services() {
      return joined().services;
    },
    get hpas() {
      return joined().hpas;
    },
    workloadsSelectedBy: (selector, namespace) => joined().workloadsSelectedBy(selector, namespace),
    servicesSelecting: (workload) => joined().servicesSelecting(workload),
    hpasTargeting: (workload) => joined().hpasTargeting(workload),
    workloadFor: (hpa) => joined().workloadFor(hpa),
    containerPorts: (workload) => joined().containerPorts(workload),
    memo<T>(name: string, compute: () => T): T {
      if (!memos.has(name)) memos.set(name, compute());
      return memos.get(name) as T;
    },
  };
}
