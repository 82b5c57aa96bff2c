// Pods and Services a selector may find although the render holds none: ones an operator makes from a custom
// resource of the render, the cluster's own, and the ones the `external` setting declares. A rule that finds
// nothing in the render asks here before it reports, and says in its message that the object may exist outside.
import type { Resource } from '../../../lib/model.ts';
import type { RuleContext, RuleSettings } from '../../rule.ts';
import { ANY, controllerLabels, GIVEN_SERVICES, ORDINAL } from './cluster-given.ts';
import { matches, type AddedLabels, type LabelSelector } from './selectors.ts';
import { describe, nameOf, namespaceOf, recordAt } from './values.ts';

/** `key=value,key=value` as written under external.pods / external.services; undefined for a plain name. */
export function labelSet(entry: string): Record<string, string> | undefined {
  if (!entry.includes('=')) return undefined;
  const labels: Record<string, string> = {};
  for (const part of entry.split(',')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    labels[part.slice(0, at).trim()] = part.slice(at + 1).trim();
  }
  return labels;
}

/** The API group of a resource: '' for core, 'apps', 'monitoring.coreos.com', ... */
function groupOf(resource: Resource): string {
  const apiVersion = String(resource.object.apiVersion ?? '');
  return apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
}

/** A custom resource: its group is a domain that Kubernetes itself does not serve. */
function isCustom(resource: Resource): boolean {
  const group = groupOf(resource);
  return group.includes('.') && !group.endsWith('.k8s.io');
}

/** Operators whose pod labels are documented: prometheus-operator labels each pod `<kind>: <name>` and more. */
const PROMETHEUS_OPERATOR_PODS: Readonly<Record<string, string>> = {
  Prometheus: 'prometheus',
  PrometheusAgent: 'prometheus-agent',
  Alertmanager: 'alertmanager',
  ThanosRuler: 'thanos-ruler',
};

interface OperatorPods {
  labels: Record<string, string>;
  added: AddedLabels;
}

function prometheusOperatorPods(resource: Resource, base: string): OperatorPods {
  const name = nameOf(resource);
  const own = recordAt(resource.object, 'spec', 'podMetadata', 'labels') ?? {};
  const labels: Record<string, string> = {
    'app.kubernetes.io/name': base,
    'app.kubernetes.io/instance': name,
    'app.kubernetes.io/managed-by': 'prometheus-operator',
    'operator.prometheus.io/name': name,
    [base]: name,
  };
  for (const [key, value] of Object.entries(own)) if (typeof value === 'string') labels[key] = value;
  // The operator runs the pods as StatefulSet <base>-<name> (and <base>-<name>-shard-N for more shards): that
  // controller's labels, the pod name loosened to every shard's, and the operator's own.
  const statefulSet = `${base}-${name}`;
  const added: AddedLabels = new Map([
    ...controllerLabels({ kind: 'StatefulSet', name: statefulSet }),
    ['statefulset.kubernetes.io/pod-name', (value) => value.startsWith(`${statefulSet}`) && /-\d+$/.test(value)],
    ['operator.prometheus.io/shard', ORDINAL],
    ['app.kubernetes.io/version', ANY],
  ]);
  return { labels, added };
}

/**
 * A custom resource whose operator labels its pods with the resource's name under a key of the operator's own
 * domain (strimzi.io/cluster: my-kafka, cnpg.io/cluster: pg, prometheus: k8s): the selector names it.
 */
function selectorNamesResource(selector: LabelSelector, resource: Resource): boolean {
  const name = nameOf(resource);
  const group = groupOf(resource);
  const kind = resource.object.kind.toLowerCase();
  return Object.entries(selector.matchLabels).some(([key, value]) => {
    if (value !== name) return false;
    const slash = key.indexOf('/');
    const prefix = slash > 0 ? key.slice(0, slash) : '';
    const bare = key.slice(slash + 1).toLowerCase();
    return (prefix !== '' && (group === prefix || group.endsWith(`.${prefix}`))) || bare.includes(kind);
  });
}

/**
 * Why pods selected by `selector` in `namespace` may run although no workload of the render makes them, or
 * undefined: an entry of external.pods, or a custom resource of the render whose operator makes them.
 * Answered once per selector and namespace: thousands of policies and budgets often share a few selectors.
 */
export function podsMadeOutside(context: Pick<RuleContext, 'index' | 'resources' | 'settings'>, selector: LabelSelector, namespace: string | undefined): string | undefined {
  const answers = context.index.memo('pods-made-outside', () => new Map<string, string | undefined>());
  const key = `${namespace ?? ''}\u0000${JSON.stringify(selector)}\u0000${context.settings.external.pods.join('\u0000')}`;
  if (answers.has(key)) return answers.get(key);
  const answer = madeOutside(context, selector, namespace);
  answers.set(key, answer);
  return answer;
}

function madeOutside(context: Pick<RuleContext, 'index' | 'resources' | 'settings'>, selector: LabelSelector, namespace: string | undefined): string | undefined {
  for (const entry of context.settings.external.pods) {
    const labels = labelSet(entry);
    if (labels && matches(selector, labels)) return `declared under external.pods (${entry})`;
  }
  for (const resource of customResourcesIn(context, namespace)) {
    const base = groupOf(resource) === 'monitoring.coreos.com' ? PROMETHEUS_OPERATOR_PODS[resource.object.kind] : undefined;
    const pods = base ? prometheusOperatorPods(resource, base) : undefined;
    if ((pods && matches(selector, pods.labels, pods.added)) || selectorNamesResource(selector, resource)) {
      return `made by the operator of ${describe(resource)}`;
    }
  }
  return undefined;
}

/** The custom resources of one namespace, in render order. The rule must read every kind (`kinds: ['*']`) for these to be in its view. */
function customResourcesIn(context: Pick<RuleContext, 'index' | 'resources'>, namespace: string | undefined): readonly Resource[] {
  const byNamespace = context.index.memo('custom-resources-by-namespace', () => {
    const groups = new Map<string | undefined, Resource[]>();
    for (const resource of context.resources) {
      if (!isCustom(resource)) continue;
      const group = groups.get(namespaceOf(resource));
      if (group) group.push(resource);
      else groups.set(namespaceOf(resource), [resource]);
    }
    return groups;
  });
  return byNamespace.get(namespace) ?? [];
}

export interface ServiceOutside {
  namespace: string | undefined;
  labels: Record<string, string>;
  origin: string;
}

/** Services a ServiceMonitor may select outside the render: the cluster's own and external.services label sets. */
export function servicesOutside(settings: RuleSettings): ServiceOutside[] {
  const declared = settings.external.services.flatMap((entry) => {
    const labels = labelSet(entry);
    return labels ? [{ namespace: undefined, labels, origin: `declared under external.services (${entry})` }] : [];
  });
  return [...GIVEN_SERVICES.map((s) => ({ namespace: s.namespace, labels: { ...s.labels }, origin: `Service ${s.namespace}/${s.name}, made by ${s.origin}` })), ...declared];
}

/** An `external` list names the object: `name`, or `namespace/name` to be precise. */
export function listsName(entries: readonly string[], name: string, namespace: string | undefined): boolean {
  return entries.some((entry) => entry === name || (namespace !== undefined && entry === `${namespace}/${name}`));
}

/** The closing words of a finding about an object the render does not hold. */
export const MAY_EXIST_OUTSIDE = 'it may exist outside the render (another source, an operator): if so, declare it under external in the configuration';
