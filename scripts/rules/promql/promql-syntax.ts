import { describeRef, refOf } from '../../lib/model.ts';
import type { Rule } from '../rule.ts';
import { ruleExpressions } from './lib/expressions.ts';
import { parsedOnce } from './lib/parse-promql.ts';

export const promqlSyntax: Rule = {
  id: 'promql-syntax',
  severity: 'error',
  description: "Every PrometheusRule expr parses with the Prometheus project's own PromQL grammar.",
  fix: 'Correct the expression at the reported line and column (a missing bracket, comma or operand); try it in the Prometheus expression browser.',
  kinds: ['PrometheusRule'],
  check(context) {
    return ruleExpressions(context.index).flatMap(({ resource, path, expr, label }) => {
      const { error } = parsedOnce(context.index, expr);
      if (!error) return [];
      const where = expr.includes('\n') ? `line ${error.line}, column ${error.column}` : `column ${error.column}`;
      return [{ resource, path, message: `${describeRef(refOf(resource.object))} ${label}: PromQL syntax error at ${where} of expr, near ${error.near}` }];
    });
  },
};
