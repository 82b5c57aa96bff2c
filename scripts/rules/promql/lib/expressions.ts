// Every PromQL expression of the PrometheusRules in one render, with where it sits and what it is called.
import { pointer, type Resource } from '../../../lib/model.ts';
import type { ResourceIndex } from '../../resource-index.ts';
import { listAt, stringAt } from '../../lib/read.ts';

export interface RuleExpression {
  resource: Resource;
  /** `/spec/groups/<i>/rules/<j>/expr`. */
  path: string;
  expr: string;
  /** `group "gateway" alert GatewayDown` for messages. */
  label: string;
}

export function ruleExpressions(index: ResourceIndex): RuleExpression[] {
  const found: RuleExpression[] = [];
  for (const resource of index.byKind('PrometheusRule')) {
    listAt(resource.object, 'spec', 'groups').forEach((group, g) => {
      listAt(group, 'rules').forEach((rule, r) => {
        const expr = stringAt(rule, 'expr');
        if (expr === undefined) return;
        const alert = stringAt(rule, 'alert');
        const name = alert ? `alert ${alert}` : `record ${stringAt(rule, 'record') ?? `#${r}`}`;
        found.push({ resource, path: pointer('spec', 'groups', g, 'rules', r, 'expr'), expr, label: `group "${stringAt(group, 'name') ?? g}" ${name}` });
      });
    });
  }
  return found;
}

/** Series that recording rules of the same render create: selecting them needs no exporter. */
export function recordedSeries(index: ResourceIndex): Set<string> {
  const recorded = new Set<string>();
  for (const resource of index.byKind('PrometheusRule')) {
    for (const group of listAt(resource.object, 'spec', 'groups')) {
      for (const rule of listAt(group, 'rules')) {
        const record = stringAt(rule, 'record');
        if (record) recorded.add(record);
      }
    }
  }
  return recorded;
}
