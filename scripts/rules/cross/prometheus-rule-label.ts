import type { Resource } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import type { Rule, Violation } from '../rule.ts';
import { describeLoader, LOADER_KINDS, loadersOf, loads, namespaceLabelsOf, SELECTED_KINDS, type Loader } from './lib/prometheus-selection.ts';
import { describe, namespaceOf } from './lib/values.ts';

const MONITORING_KINDS = Object.keys(SELECTED_KINDS);
/** kube-prometheus-stack's selector for a Helm release named `prometheus`: assumed only when nothing says otherwise. */
const ASSUMED_SELECTOR: Record<string, string> = { release: 'prometheus' };

const OPTIONS = {
  selector: {
    type: 'labels',
    description: 'labels a Prometheus outside the render selects monitors and rules by; without it and without a Prometheus resource in the render, release: prometheus is assumed (kube-prometheus-stack\'s default) and a miss is only a warning',
  },
} as const satisfies OptionSpecs;

function describeLabels(labels: Record<string, string>): string {
  return Object.entries(labels).map(([key, value]) => `${key}: ${value}`).join(', ');
}

function labelsPath(resource: Resource): string {
  return resource.object.metadata?.labels ? '/metadata/labels' : '/metadata';
}

/** Labels of `selector` that the object lacks or carries with another value. */
function missingLabels(resource: Resource, selector: Record<string, string>): Array<[string, string]> {
  const labels = resource.object.metadata?.labels ?? {};
  return Object.entries(selector).filter(([key, value]) => labels[key] !== value);
}

export const prometheusRuleLabel: Rule = {
  id: 'prometheus-rule-label',
  severity: 'error',
  description:
    'ServiceMonitor, PodMonitor, Probe, ScrapeConfig and PrometheusRule objects are loaded by some Prometheus: when the render holds Prometheus (PrometheusAgent, ThanosRuler for rules) resources, by their selectors and namespace selectors as prometheus-operator applies them (an absent selector loads nothing, an absent namespace selector only the own namespace), or by the labels of options.selector (a Prometheus outside the render); with neither, release: prometheus is assumed and a miss is a warning that says so.',
  fix: 'Give the object the labels (and namespace) a Prometheus selects, or set options.selector to the labels your Prometheus outside the render selects.',
  kinds: [...MONITORING_KINDS, ...LOADER_KINDS, 'Namespace'],
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const configured = optionsOf(context.settings, 'prometheus-rule-label', OPTIONS).selector;
    const namespaceLabels = namespaceLabelsOf(context.index.byKind('Namespace'));
    const renderHasLoaders = LOADER_KINDS.some((kind) => context.index.byKind(kind).length > 0);
    const violations: Violation[] = [];
    for (const kind of MONITORING_KINDS) {
      const loaders: Loader[] = loadersOf(kind, context.index.byKind);
      for (const resource of context.index.byKind(kind)) {
        if (configured && missingLabels(resource, configured).length === 0) continue;
        if (loaders.length > 0) {
          if (loaders.some((loader) => loads(loader, resource, namespaceLabels))) continue;
          const outside = configured ? ` nor carries ${describeLabels(configured)} (options.selector)` : '';
          violations.push({
            resource,
            path: labelsPath(resource),
            message: `${describe(resource)} in namespace ${namespaceOf(resource) ?? '(no namespace)'} is loaded by no Prometheus of the render${outside}: ${loaders.map(describeLoader).join('; ')}; it will not be loaded unless a Prometheus outside the render selects it`,
          });
          continue;
        }
        // No resource of the render loads this kind (a ThanosRuler alone does not scrape): say what was assumed.
        const selector = configured ?? ASSUMED_SELECTOR;
        const missing = missingLabels(resource, selector);
        if (missing.length === 0) continue;
        const why = configured
          ? `which options.selector says the Prometheus selects (${describeLabels(selector)})`
          : `the labels assumed for the Prometheus that loads it (${describeLabels(selector)}, kube-prometheus-stack's default; ${renderHasLoaders ? `no Prometheus of the render loads ${kind}` : 'the render has no Prometheus resource'}): set options.selector to what yours selects`;
        violations.push({
          resource,
          path: labelsPath(resource),
          message: `${describe(resource)} lacks ${describeLabels(Object.fromEntries(missing))}, ${why}`,
          ...(configured ? {} : { severity: 'warning' as const }),
        });
      }
    }
    return violations;
  },
};
