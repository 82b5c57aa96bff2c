// The metric names a PromQL expression reads, enough to ask "does some target export it?", read with the
// same Prometheus grammar the promql-syntax and promql-metrics rules use.
import { parsePromql } from '../rules/promql/lib/parse-promql.ts';

export function metricNames(expr: string): string[] {
  return [...new Set(parsePromql(expr).metrics.map((metric) => metric.name))];
}
