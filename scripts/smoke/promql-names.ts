// The metric names a PromQL expression reads: enough to ask "does some target export it?".
// Not a PromQL parser (the promql rule owns syntax); label matchers, ranges, strings, label lists
// of by/without/on/ignoring/group_* and function names are skipped.

const KEYWORDS = new Set([
  'and', 'or', 'unless', 'by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'offset',
  'inf', 'nan', 'atan2', 'start', 'end',
  // Aggregations may take their label list first (`sum by (pod) (...)`), so no '(' follows the name.
  'sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk',
  'quantile', 'limitk', 'limit_ratio',
]);
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  let text = expr.replace(/#[^\n]*/g, ' ');
  text = text.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
  text = text.replace(/\{[^}]*\}/g, ' ').replace(/\[[^\]]*\]/g, ' ');
  const token = /[A-Za-z_:][A-Za-z0-9_:]*|\d[\w.]*|\S/g;
  const tokens: string[] = text.match(token) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const current = tokens[i]!;
    if (!/^[A-Za-z_:]/.test(current)) continue;
    const lower = current.toLowerCase();
    if (LABEL_LIST_KEYWORDS.has(lower) && tokens[i + 1] === '(') {
      const close = tokens.indexOf(')', i + 1);
      i = close === -1 ? tokens.length : close;
      continue;
    }
    if (KEYWORDS.has(lower) || tokens[i + 1] === '(') continue;
    names.add(current);
  }
  return [...names];
}
