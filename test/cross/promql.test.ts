import { describe, expect, it } from 'vitest';
import { parsePromql } from '../../scripts/rules/promql/lib/parse-promql.ts';
import { promqlMetrics } from '../../scripts/rules/promql/promql-metrics.ts';
import { promqlSyntax } from '../../scripts/rules/promql/promql-syntax.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

const gatewayMetrics = { 'promql-metrics': { exported: ['openclaw_http_requests_total', 'probe_success'], prefixes: ['kube_'] } };

describe('reading PromQL with the Prometheus grammar', () => {
  it('finds metric names in selectors, not in functions, labels or keywords', () => {
    const names = parsePromql('sum by (le) (rate(a_bucket{job="x"}[5m])) / on(job) group_left b + {__name__="c"} + {__name__=~"d.*"}').metrics;
    expect(names.map((m) => m.name)).toEqual(['a_bucket', 'b', 'c']);
  });

  it('locates the first syntax error by line and column inside a multi-line expression', () => {
    expect(parsePromql('sum(rate(x[5m]))\n  / sum(y) >').error).toMatchObject({ line: 2, near: 'the end of the expression' });
    expect(parsePromql('foo bar').error).toMatchObject({ line: 1, column: 5, near: '"bar"' });
    expect(parsePromql('up == 0').error).toBeUndefined();
  });
});

describe('promql-syntax', () => {
  it('accepts recording rules and alerts that parse, comments and "#" in strings included', () => {
    expect(check(promqlSyntax, 'rules-parse')).toEqual([]);
  });

  it('reports an expression that does not parse at its expr, with the line inside it', () => {
    const [violation, ...rest] = check(promqlSyntax, 'rule-broken-expr');
    expect(rest).toEqual([]);
    expect(severityOf(promqlSyntax, violation!)).toBe('error');
    expect(reportedOn(violation!)).toBe('PrometheusRule gateway');
    expect(violation!.path).toBe('/spec/groups/0/rules/1/expr');
    expect(violation!.resource.locate(violation!.path)?.line).toBe(11);
    expect(violation!.message).toBe(
      'PrometheusRule openclaw/gateway group "gateway" alert GatewayErrors: PromQL syntax error at line 2, column 41 of expr, near the end of the expression',
    );
  });
});

describe('promql-metrics', () => {
  it('does nothing while no exported list is declared', () => {
    expect(check(promqlMetrics, 'rule-unknown-metric')).toEqual([]);
  });

  it('accepts exported, prefixed, recorded and Prometheus-made series', () => {
    expect(check(promqlMetrics, 'rules-known-metrics', gatewayMetrics)).toEqual([]);
  });

  it('reports each metric no declared target exports once per expression, and leaves regex selectors alone', () => {
    const [violation, ...rest] = check(promqlMetrics, 'rule-unknown-metric', gatewayMetrics);
    expect(rest).toEqual([]);
    expect(violation!.path).toBe('/spec/groups/0/rules/0/expr');
    expect(violation!.message).toBe(
      'PrometheusRule openclaw/gateway group "gateway" alert GatewayErrors: expr selects "http_requests_total", which no declared target exports: that series will not exist',
    );
  });
});
