// Kubernetes label selectors: the Service map form and the LabelSelector form (matchLabels + matchExpressions).
import { isRecord, listAt, stringAt, stringList } from './values.ts';

export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: SelectorRequirement[];
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    // YAML turns `version: 1` into a number; Kubernetes would reject it, but matching it as text is kinder.
    if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') out[key] = String(item);
  }
  return out;
}

/** A Service's `spec.selector` (a plain map). */
export function mapSelector(value: unknown): LabelSelector {
  return { matchLabels: stringMap(value), matchExpressions: [] };
}

/** A LabelSelector object; unknown operators are kept out so they never match by accident. */
export function labelSelector(value: unknown): LabelSelector {
  const matchExpressions: SelectorRequirement[] = [];
  let unknownOperator = false;
  for (const item of listAt(value, 'matchExpressions')) {
    const key = stringAt(item, 'key');
    const operator = stringAt(item, 'operator');
    if (!key || !operator || !OPERATORS.has(operator)) {
      unknownOperator = true;
      continue;
    }
    matchExpressions.push({
      key,
      operator: operator as SelectorRequirement['operator'],
      values: stringList(isRecord(item) ? item.values : undefined),
    });
  }
  const selector = { matchLabels: stringMap(isRecord(value) ? value.matchLabels : undefined), matchExpressions };
  // A requirement that cannot be evaluated must not widen the selector to "everything".
  if (unknownOperator) selector.matchExpressions.push({ key: '', operator: 'In', values: [] });
  return selector;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/**
 * Labels a controller adds to the pods it creates, whose values the render cannot know: a predicate per key
 * says which values it could take (see cluster-given.ts).
 */
export type AddedLabels = ReadonlyMap<string, (value: string) => boolean>;

const NONE_ADDED: AddedLabels = new Map();

/**
 * An empty selector matches everything, as in Kubernetes LabelSelectors. `added` are labels the pods get
 * besides `labels`: a requirement on one of them matches when some value it could take satisfies it.
 */
export function matches(selector: LabelSelector, labels: Record<string, string>, added: AddedLabels = NONE_ADDED): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels)) {
    if (labels[key] === value) continue;
    const could = Object.prototype.hasOwnProperty.call(labels, key) ? undefined : added.get(key);
    if (!could || !could(value)) return false;
  }
  for (const requirement of selector.matchExpressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const value = labels[requirement.key];
    const could = has ? undefined : added.get(requirement.key);
    if (could) {
      // Only In can fail for a label the controller sets: NotIn and Exists hold for some value, DoesNotExist never.
      if (requirement.operator === 'DoesNotExist') return false;
      if (requirement.operator === 'In' && !requirement.values.some(could)) return false;
      continue;
    }
    switch (requirement.operator) {
      case 'In':
        if (!has || value === undefined || !requirement.values.includes(value)) return false;
        break;
      case 'NotIn':
        if (has && value !== undefined && requirement.values.includes(value)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}

/** 'app=gateway, tier notin (db)' for messages. */
export function describeSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels).map(([key, value]) => `${key}=${value}`);
  for (const { key, operator, values } of selector.matchExpressions) {
    if (operator === 'Exists') parts.push(key);
    else if (operator === 'DoesNotExist') parts.push(`!${key}`);
    else parts.push(`${key} ${operator.toLowerCase()} (${values.join(', ')})`);
  }
  return parts.length === 0 ? '(everything)' : parts.join(', ');
}

/** Labels shown in a message; a workload can carry dozens, and a message should stay one readable line. */
const MAX_LABELS = 8;

export function describeLabels(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return 'no labels';
  const shown = entries.slice(0, MAX_LABELS).map(([key, value]) => `${key}=${value}`);
  return entries.length > MAX_LABELS ? `${shown.join(', ')} and ${entries.length - MAX_LABELS} more` : shown.join(', ');
}
