import { pointer } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import type { Rule, Violation } from '../rule.ts';
import { imbalance } from './lib/balanced.ts';
import { describe, listAt, stringAt } from './lib/values.ts';

const MONITORING_KINDS = ['ServiceMonitor', 'PodMonitor', 'PrometheusRule'];
const DEFAULT_SELECTOR: Record<string, string> = { release: 'prometheus' };

const OPTIONS = {
  selector: { type: 'labels', description: 'labels the Prometheus instance selects rules and monitors by (default release: prometheus)' },
} as const satisfies OptionSpecs;

export const prometheusRuleLabel: Rule = {
  id: 'prometheus-rule-label',
  severity: 'error',
  description:
    'ServiceMonitor, PodMonitor and PrometheusRule objects carry the labels the Prometheus instance selects (options.selector, default release: prometheus), and every PrometheusRule expr has balanced brackets and closed quotes.',
  fix: 'Add the labels the Prometheus resource selects (or set options.selector to them), and close the brackets or quotes of the expression.',
  kinds: MONITORING_KINDS,
  equivalents: {},
  options: OPTIONS,
  check(context) {
    const selector = optionsOf(context.settings, 'prometheus-rule-label', OPTIONS).selector ?? DEFAULT_SELECTOR;
    const wanted = Object.entries(selector).map(([key, value]) => `${key}: ${value}`).join(', ');
    const violations: Violation[] = [];
    for (const kind of MONITORING_KINDS) {
      for (const resource of context.index.byKind(kind)) {
        const labels = resource.object.metadata?.labels ?? {};
        const missing = Object.entries(selector).filter(([key, value]) => labels[key] !== value);
        if (missing.length > 0) {
          violations.push({
            resource,
            path: resource.object.metadata?.labels ? '/metadata/labels' : '/metadata',
            message: `${describe(resource)} lacks ${missing.map(([key, value]) => `${key}: ${value}`).join(', ')}, which the Prometheus instance selects (${wanted}): it will not be loaded`,
          });
        }
      }
    }
    for (const rule of context.index.byKind('PrometheusRule')) {
      listAt(rule.object, 'spec', 'groups').forEach((group, g) => {
        listAt(group, 'rules').forEach((entry, r) => {
          const expr = stringAt(entry, 'expr');
          const problem = expr === undefined ? undefined : imbalance(expr);
          if (!problem) return;
          const name = stringAt(entry, 'alert') ? `alert ${stringAt(entry, 'alert')}` : `record ${stringAt(entry, 'record') ?? `#${r}`}`;
          violations.push({
            resource: rule,
            path: pointer('spec', 'groups', g, 'rules', r, 'expr'),
            message: `${describe(rule)} group "${stringAt(group, 'name') ?? g}" ${name}: expr is not balanced (${problem})`,
          });
        });
      });
    }
    return violations;
  },
};
