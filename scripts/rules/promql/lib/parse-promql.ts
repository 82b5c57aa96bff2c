// PromQL read with the Prometheus project's own grammar (@prometheus-io/lezer-promql, the parser behind the
// Prometheus web UI's editor): the first syntax error, and the metric names an expression selects.
import { createRequire } from 'node:module';
import type { SyntaxNode } from '@lezer/common';
import type { LRParser } from '@lezer/lr';

export interface PromqlSyntaxError {
  /** 0-based offset into the expression. */
  offset: number;
  /** 1-based line and column inside the expression (block scalars span several lines). */
  line: number;
  column: number;
  /** What stands at the error, or that the expression ended too early. */
  near: string;
}

export interface MetricSelector {
  name: string;
  offset: number;
}

export interface ParsedPromql {
  error?: PromqlSyntaxError;
  /** Metric names selected by name or by an exact `__name__="…"` matcher; regex matchers name no metric. */
  metrics: MetricSelector[];
}

let parser: LRParser | undefined;

/**
 * `parsePromql` once per distinct expression of a source: copies of a rule group (one per environment, per
 * team) repeat the same expressions. The result is shared: callers only read it.
 */
export function parsedOnce(index: { memo<T>(name: string, compute: () => T): T }, expr: string): ParsedPromql {
  const parses = index.memo('promql-parses', () => new Map<string, ParsedPromql>());
  let parsed = parses.get(expr);
  if (!parsed) parses.set(expr, (parsed = parsePromql(expr)));
  return parsed;
}

export function parsePromql(expr: string): ParsedPromql {
  // The grammar is loaded on the first expression: only runs with a PrometheusRule need it.
  parser ??= (createRequire(import.meta.url)('@prometheus-io/lezer-promql') as typeof import('@prometheus-io/lezer-promql')).parser;
  const tree = parser.parse(expr);
  const metrics: MetricSelector[] = [];
  let error: PromqlSyntaxError | undefined;
  tree.iterate({
    enter(node) {
      if (node.type.isError) {
        error ??= syntaxError(expr, node.from, node.to);
        return false;
      }
      if (node.name === 'VectorSelector') for (const metric of selected(node.node, expr)) metrics.push(metric);
      return undefined;
    },
  });
  return { ...(error ? { error } : {}), metrics };
}

function selected(selector: SyntaxNode, expr: string): MetricSelector[] {
  const found: MetricSelector[] = [];
  const identifier = selector.getChild('Identifier');
  if (identifier) found.push({ name: expr.slice(identifier.from, identifier.to), offset: identifier.from });
  for (const matcher of selector.getChild('LabelMatchers')?.getChildren('UnquotedLabelMatcher') ?? []) {
    const label = matcher.getChild('LabelName');
    const op = matcher.getChild('MatchOp')?.firstChild;
    const value = matcher.getChild('StringLiteral');
    if (!label || !value || op?.name !== 'EqlSingle' || expr.slice(label.from, label.to) !== '__name__') continue;
    const name = unquote(expr.slice(value.from, value.to));
    if (name) found.push({ name, offset: value.from });
  }
  return found;
}

/** A PromQL string literal's text; escapes are rare in metric names, so a name with one is left unchecked. */
function unquote(literal: string): string | undefined {
  const body = literal.slice(1, -1);
  return body.includes('\\') ? undefined : body;
}

function syntaxError(expr: string, errorFrom: number, to: number): PromqlSyntaxError {
  // An expression that ends too early is reported just after its last character, not on a trailing newline.
  const end = expr.trimEnd().length;
  const from = Math.min(errorFrom, end);
  const before = expr.slice(0, from);
  const line = before.split('\n').length;
  const column = from - (before.lastIndexOf('\n') + 1) + 1;
  const text = expr.slice(from, Math.max(to, from + 1)).trim();
  return { offset: from, line, column, near: from >= end ? 'the end of the expression' : `"${text}"` };
}
