// Label keys and values, and the selectors made of them, in the syntax the API server accepts.
// Mirrors k8s.io/apimachinery pkg/apis/meta/v1/validation ValidateLabels (IsQualifiedName for keys,
// IsValidLabelValue for values) and ValidateLabelSelector / ValidateLabelSelectorRequirement, applied by
// pkg/apis/core/validation ValidateObjectMeta, ValidatePodTemplateSpec and ValidateService (spec.selector).
import type { Resource } from '../../lib/model.ts';
import { isRecord, pointer } from '../../lib/model.ts';
import { policyPeers } from '../lib/policy-peers.ts';
import { listAt, valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { TEMPLATE_PATHS, violation } from './lib/common.ts';
import { labelValue, qualifiedName } from './lib/syntax.ts';

/** Where a kind keeps a LabelSelector (matchLabels/matchExpressions). */
const LABEL_SELECTORS: Readonly<Record<string, readonly string[][]>> = {
  Deployment: [['spec', 'selector']],
  StatefulSet: [['spec', 'selector']],
  DaemonSet: [['spec', 'selector']],
  ReplicaSet: [['spec', 'selector']],
  Job: [['spec', 'selector']],
  PodDisruptionBudget: [['spec', 'selector']],
  NetworkPolicy: [['spec', 'podSelector']],
};
/** Where a kind keeps a plain map selector. */
const MAP_SELECTORS: Readonly<Record<string, readonly string[]>> = {
  Service: ['spec', 'selector'],
  ReplicationController: ['spec', 'selector'],
};

export const labelSyntax: Rule = {
  id: 'label-syntax',
  severity: 'error',
  description:
    "Label keys are qualified names (an optional DNS-subdomain prefix of at most 253 characters, '/', and a name of at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends); values are empty or at most 63 such characters. Checked on every object's labels, pod template labels, and selectors (with their operators).",
  fix: "Rename the label (or shorten it) so that key and value use only letters, digits, '-', '_' and '.', start and end with a letter or digit, and stay within 63 characters.",
  kinds: ['*'],
  mirrors: '`ValidateLabels`, `ValidateLabelSelector` (k8s.io/apimachinery pkg/apis/meta/v1/validation: `IsQualifiedName`, `IsValidLabelValue`)',
  check(context) {
    const violations: Violation[] = [];
    const checks: LabelChecks = { key: verdicts(qualifiedName), value: verdicts(labelValue) };
    for (const resource of context.resources) {
      const { kind } = resource.object;
      checkLabelMap(resource, ['metadata', 'labels'], violations, checks);
      const template = TEMPLATE_PATHS[kind];
      if (template) checkLabelMap(resource, [...template, 'metadata', 'labels'], violations, checks);
      if (kind === 'CronJob') checkLabelMap(resource, ['spec', 'jobTemplate', 'metadata', 'labels'], violations, checks);
      for (const path of [...(LABEL_SELECTORS[kind] ?? []), ...(kind === 'NetworkPolicy' ? peerSelectors(resource) : [])]) {
        checkLabelSelector(resource, path, violations, checks);
      }
      const mapSelector = MAP_SELECTORS[kind];
      if (mapSelector) checkLabelMap(resource, [...mapSelector], violations, checks);
    }
    return violations;
  },
};

/** A NetworkPolicy's peers: spec.ingress[].from[] and spec.egress[].to[], each with pod and namespace selectors. */
function peerSelectors(resource: Resource): string[][] {
  return policyPeers(resource).flatMap(({ segments }) => ['podSelector', 'namespaceSelector'].map((selector) => [...segments, selector]));
}

/** The verdicts on each distinct key and value, for one run of the rule: thousands of objects share their labels. */
function verdicts(check: (text: string) => string[]): (text: string) => string[] {
  const known = new Map<string, string[]>();
  return (text) => {
    let reasons = known.get(text);
    if (!reasons) known.set(text, (reasons = check(text)));
    return reasons;
  };
}

function checkLabelMap(resource: Resource, path: string[], out: Violation[], checks: LabelChecks): void {
  const labels = valueAt(resource.object, ...path);
  if (!isRecord(labels)) return;
  for (const [key, value] of Object.entries(labels)) {
    const keyReasons = checks.key(key);
    // A non-string value is the schema's finding.
    const valueReasons = typeof value === 'string' ? checks.value(value) : [];
    if (keyReasons.length === 0 && valueReasons.length === 0) continue;
    const at = pointer(...path, key);
    const where = path.join('.');
    for (const reason of keyReasons) out.push(violation(resource, at, `${where} key "${key}" ${reason}`));
    for (const reason of valueReasons) out.push(violation(resource, at, `${where} value "${String(value)}" of "${key}" ${reason}`));
  }
}

interface LabelChecks {
  key: (text: string) => string[];
  value: (text: string) => string[];
}

function checkLabelSelector(resource: Resource, path: string[], out: Violation[], checks: LabelChecks): void {
  if (!isRecord(valueAt(resource.object, ...path))) return;
  checkLabelMap(resource, [...path, 'matchLabels'], out, checks);
  listAt(resource.object, ...path, 'matchExpressions').forEach((requirement, index) => {
    if (!isRecord(requirement)) return;
    const at = pointer(...path, 'matchExpressions', index);
    const where = `${path.join('.')}.matchExpressions[${index}]`;
    if (typeof requirement.key === 'string') {
      for (const reason of checks.key(requirement.key)) out.push(violation(resource, `${at}/key`, `${where} key "${requirement.key}" ${reason}`));
    }
    const values = Array.isArray(requirement.values) ? requirement.values : [];
    switch (requirement.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) out.push(violation(resource, `${at}/values`, `${where} uses ${requirement.operator}, which needs at least one value`));
        values.forEach((value, valueIndex) => {
          if (typeof value !== 'string') return;
          for (const reason of checks.value(value)) out.push(violation(resource, `${at}/values/${valueIndex}`, `${where} value "${value}" ${reason}`));
        });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) out.push(violation(resource, `${at}/values`, `${where} uses ${requirement.operator}, which takes no values`));
        break;
      default:
        if (typeof requirement.operator === 'string') {
          out.push(violation(resource, `${at}/operator`, `${where} operator "${requirement.operator}" is not one of In, NotIn, Exists, DoesNotExist`));
        }
    }
  });
}
