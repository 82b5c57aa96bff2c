// Which Prometheus of the render loads a monitoring object, by prometheus-operator's rules: an object selector
// that is absent selects nothing and an empty one everything; a namespace selector that is absent means the
// Prometheus's own namespace and an empty one every namespace.
import type { Resource } from '../../../lib/model.ts';
import { selectorOf } from '../../resource-relations.ts';
import { describeSelector, matches, type LabelSelector } from './selectors.ts';
import { describe, nameOf, namespaceOf } from './values.ts';

interface SelectorFields {
  selector: string;
  namespaceSelector: string;
  /** The kinds of resource whose selectors load this kind. */
  loadedBy: readonly string[];
}

const SCRAPERS = ['Prometheus', 'PrometheusAgent'];

export const SELECTED_KINDS: Readonly<Record<string, SelectorFields>> = {
  ServiceMonitor: { selector: 'serviceMonitorSelector', namespaceSelector: 'serviceMonitorNamespaceSelector', loadedBy: SCRAPERS },
  PodMonitor: { selector: 'podMonitorSelector', namespaceSelector: 'podMonitorNamespaceSelector', loadedBy: SCRAPERS },
  Probe: { selector: 'probeSelector', namespaceSelector: 'probeNamespaceSelector', loadedBy: SCRAPERS },
  ScrapeConfig: { selector: 'scrapeConfigSelector', namespaceSelector: 'scrapeConfigNamespaceSelector', loadedBy: SCRAPERS },
  PrometheusRule: { selector: 'ruleSelector', namespaceSelector: 'ruleNamespaceSelector', loadedBy: ['Prometheus', 'ThanosRuler'] },
};

export const LOADER_KINDS = ['Prometheus', 'PrometheusAgent', 'ThanosRuler'];

/** Every namespace carries its own name under this label (Kubernetes sets it). */
const NAME_LABEL = 'kubernetes.io/metadata.name';

export interface Loader {
  resource: Resource;
  /** Undefined: the field is absent, so the loader selects no object of the kind. */
  selector: LabelSelector | undefined;
  /** Undefined: absent, so only the loader's own namespace. */
  namespaceSelector: LabelSelector | undefined;
  fields: SelectorFields;
}

/** The resources of the render that could load objects of `kind`, with the selectors they load them by. */
export function loadersOf(kind: string, byKind: (kind: string) => Resource[]): Loader[] {
  const fields = SELECTED_KINDS[kind];
  if (!fields) return [];
  return fields.loadedBy.flatMap((loaderKind) =>
    byKind(loaderKind).map((resource) => ({
      resource,
      selector: selectorOf(resource, 'spec', fields.selector),
      namespaceSelector: selectorOf(resource, 'spec', fields.namespaceSelector),
      fields,
    })),
  );
}

/**
 * Whether the loader watches `namespace`. Labels of a Namespace the render does not hold are unknown, except
 * its name label: a selector on anything else is given the benefit of the doubt.
 */
function watches(loader: Loader, namespace: string | undefined, namespaceLabels: (name: string) => Record<string, string> | undefined): boolean {
  if (!loader.namespaceSelector) return namespace === namespaceOf(loader.resource);
  if (namespace === undefined) return true;
  const labels = namespaceLabels(namespace);
  if (labels) return matches(loader.namespaceSelector, { ...labels, [NAME_LABEL]: namespace });
  const nameOnly = { matchLabels: {}, matchExpressions: [] } as LabelSelector;
  const { matchLabels, matchExpressions } = loader.namespaceSelector;
  if (NAME_LABEL in matchLabels) nameOnly.matchLabels[NAME_LABEL] = matchLabels[NAME_LABEL]!;
  nameOnly.matchExpressions.push(...matchExpressions.filter((r) => r.key === NAME_LABEL));
  return matches(nameOnly, { [NAME_LABEL]: namespace });
}

export function loads(loader: Loader, object: Resource, namespaceLabels: (name: string) => Record<string, string> | undefined): boolean {
  if (!loader.selector) return false;
  return matches(loader.selector, object.object.metadata?.labels ?? {}) && watches(loader, namespaceOf(object), namespaceLabels);
}

/** 'Prometheus monitoring/k8s (ruleSelector role=alert-rules, in namespaces prometheus=k8s)' for messages. */
export function describeLoader(loader: Loader): string {
  const { selector, namespaceSelector } = loader.fields;
  const what = loader.selector ? `${selector} ${describeSelector(loader.selector)}` : `no ${selector}, so none`;
  const where = loader.namespaceSelector ? `namespaces ${describeSelector(loader.namespaceSelector)}` : `its own namespace (no ${namespaceSelector})`;
  return `${describe(loader.resource)} (${what}; ${where})`;
}

/** Labels of the Namespaces the render holds, by name. */
export function namespaceLabelsOf(namespaces: readonly Resource[]): (name: string) => Record<string, string> | undefined {
  const byName = new Map(namespaces.map((ns) => [nameOf(ns), ns.object.metadata?.labels ?? {}]));
  return (name) => byName.get(name);
}
