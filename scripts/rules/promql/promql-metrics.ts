import { describeRef, refOf } from '../../lib/model.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import type { Rule, Violation } from '../rule.ts';
import { recordedSeries, ruleExpressions } from './lib/expressions.ts';
import { parsedOnce } from './lib/parse-promql.ts';

/** Series Prometheus itself writes for every target and every alert, whatever the target exports. */
const SYNTHETIC = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped', 'scrape_samples_post_metric_relabeling', 'scrape_series_added', 'ALERTS', 'ALERTS_FOR_STATE']);

const OPTIONS = {
  exported: { type: 'strings', description: 'metric names the monitored targets export; the rule is off while this is not set' },
  prefixes: { type: 'strings', description: 'metric-name prefixes accepted as a whole (e.g. kube_ for kube-state-metrics)' },
} as const satisfies OptionSpecs;

export const promqlMetrics: Rule = {
  id: 'promql-metrics',
  severity: 'error',
  description:
    'Every metric a PrometheusRule expr selects is one the target exports (options.exported, options.prefixes), a series a recording rule of the same render writes, or one Prometheus writes itself (up, ALERTS). Does nothing until options.exported is declared.',
  fix: 'Use a metric name the target really exports (see its /metrics output), or add it to options.exported of promql-metrics if the exporter was missed there.',
  kinds: ['PrometheusRule'],
  options: OPTIONS,
  check(context) {
    const options = optionsOf(context.settings, 'promql-metrics', OPTIONS);
    if (options.exported === undefined) return [];
    const exported = new Set(options.exported);
    const prefixes = options.prefixes ?? [];
    const recorded = recordedSeries(context.index);
    const known = (name: string): boolean =>
      exported.has(name) || SYNTHETIC.has(name) || recorded.has(name) || prefixes.some((prefix) => name.startsWith(prefix));
    const violations: Violation[] = [];
    for (const { resource, path, expr, label } of ruleExpressions(context.index)) {
      const { error, metrics } = parsedOnce(context.index, expr);
      if (error) continue; // promql-syntax reports it; names read from a broken tree are guesses.
      const unknown = [...new Set(metrics.map((metric) => metric.name).filter((name) => !known(name)))];
      if (unknown.length === 0) continue;
      violations.push({
        resource,
        path,
        message: `${describeRef(refOf(resource.object))} ${label}: expr selects ${unknown.map((name) => `"${name}"`).join(', ')}, which no declared target exports: that series will not exist`,
      });
    }
    return violations;
  },
};
