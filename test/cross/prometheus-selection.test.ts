// prometheus-rule-label reads the Prometheus resources of the render, as prometheus-operator selects, and only
// assumes kube-prometheus-stack's release label when nothing in the render or the configuration says more.
import { describe, expect, it } from 'vitest';
import { prometheusRuleLabel } from '../../scripts/rules/cross/prometheus-rule-label.ts';
import { promqlSyntax } from '../../scripts/rules/promql/promql-syntax.ts';
import { check, checkFixture, reportedOn, severityOf } from './fixtures.ts';

describe('prometheus-rule-label with Prometheus resources in the render', () => {
  it('accepts objects without a release label when the Prometheus selects everything (kube-prometheus)', () => {
    expect(check(prometheusRuleLabel, 'prometheus-selects-everything')).toEqual([]);
  });

  it('reports what no Prometheus of the render loads, by labels and by namespace, naming the selectors', () => {
    const violations = check(prometheusRuleLabel, 'prometheus-selects-some');
    expect(violations.map((v) => [reportedOn(v), severityOf(prometheusRuleLabel, v)])).toEqual([
      ['ServiceMonitor foreign', 'error'],
      ['PrometheusRule unlabelled', 'error'],
      ['PrometheusRule unwatched', 'error'],
    ]);
    expect(violations[0].message).toBe(
      'ServiceMonitor team-a/foreign in namespace team-a is loaded by no Prometheus of the render: Prometheus monitoring/main (serviceMonitorSelector (everything); its own namespace (no serviceMonitorNamespaceSelector)); it will not be loaded unless a Prometheus outside the render selects it',
    );
    expect(violations[2].message).toContain('Prometheus monitoring/main (ruleSelector role=alert-rules; namespaces monitoring=enabled)');
  });

  it('takes options.selector as a Prometheus outside the render', () => {
    const options = { 'prometheus-rule-label': { selector: { team: 'a' } } };
    expect(check(prometheusRuleLabel, 'prometheus-selects-some', options).map(reportedOn)).toEqual(['ServiceMonitor foreign', 'PrometheusRule unwatched']);
  });
});

describe('prometheus-rule-label without Prometheus resources', () => {
  it('says which selector it assumed, as a warning', () => {
    const [violation, ...rest] = check(prometheusRuleLabel, 'monitor-without-release-label');
    expect(rest).toEqual([]);
    expect(severityOf(prometheusRuleLabel, violation)).toBe('warning');
    expect(violation.path).toBe('/metadata/labels');
    expect(violation.message).toBe(
      "ServiceMonitor openclaw/gateway lacks release: prometheus, the labels assumed for the Prometheus that loads it (release: prometheus, kube-prometheus-stack's default; the render has no Prometheus resource): set options.selector to what yours selects",
    );
  });

  it('reads the selector from options, and a configured miss is an error', () => {
    const options = { 'prometheus-rule-label': { selector: { app: 'gateway' } } };
    expect(check(prometheusRuleLabel, 'monitor-without-release-label', options)).toEqual([]);
    const [violation] = check(prometheusRuleLabel, 'rules-labelled-and-balanced', options);
    expect(severityOf(prometheusRuleLabel, violation)).toBe('error');
    expect(violation.message).toBe('PrometheusRule openclaw/gateway lacks app: gateway, which options.selector says the Prometheus selects (app: gateway)');
  });

  it('leaves expression syntax to promql-syntax, so an unbalanced expr is reported once', () => {
    expect(check(prometheusRuleLabel, 'rule-unbalanced-expr')).toEqual([]);
    expect(checkFixture(promqlSyntax, 'prometheus-rule-label/rule-unbalanced-expr').map((v) => v.path)).toEqual(['/spec/groups/0/rules/0/expr']);
  });
});
