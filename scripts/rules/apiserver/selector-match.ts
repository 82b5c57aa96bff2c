// A controller's selector must select its own template: the API server refuses the object otherwise.
// Mirrors k8s.io/kubernetes pkg/apis/apps/validation ValidateDeploymentSpec / ValidateReplicaSetSpec /
// ValidateDaemonSetSpec / ValidateStatefulSetSpec ("empty selector is invalid", "`selector` does not match
// template `labels`"), core ValidateReplicationControllerSpec, and batch ValidateJobSpec for manualSelector Jobs.
import type { Resource } from '../../lib/model.ts';
import { isRecord, pointer } from '../../lib/model.ts';
import { describeLabels, describeSelector, isEmptySelector, labelSelector, mapSelector, matches } from '../cross/lib/selectors.ts';
import { listAt, recordAt, valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';

const LABEL_SELECTOR_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'];
const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

export const selectorMatch: Rule = {
  id: 'selector-match',
  severity: 'error',
  description:
    'A Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or Job with `manualSelector: true` has a non-empty selector that its own pod template labels match.',
  fix: 'Make spec.selector select the labels of spec.template.metadata.labels (add the missing labels to the template, or drop the extra selector terms).',
  kinds: [...LABEL_SELECTOR_KINDS, 'ReplicationController'],
  mirrors:
    '`ValidateDeploymentSpec`, `ValidateReplicaSetSpec`, `ValidateDaemonSetSpec`, `ValidateStatefulSetSpec` (pkg/apis/apps/validation), `ValidateReplicationControllerSpec` (pkg/apis/core/validation), `ValidateJobSpec` (pkg/apis/batch/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      const { kind } = resource.object;
      const templateLabels = recordAt(resource.object, 'spec', 'template', 'metadata', 'labels') ?? {};
      const labels = Object.fromEntries(Object.entries(templateLabels).map(([key, value]) => [key, String(value)]));
      if (kind === 'ReplicationController') {
        // An RC without a selector gets its template's labels as the selector (defaulting): nothing to match.
        const selector = recordAt(resource.object, 'spec', 'selector');
        if (!selector || Object.keys(selector).length === 0) continue;
        if (!matches(mapSelector(selector), labels)) violations.push(mismatch(resource, describeSelector(mapSelector(selector)), labels));
        continue;
      }
      // A Job without manualSelector gets a generated selector from the API server, which always matches.
      if (kind === 'Job' && valueAt(resource.object, 'spec', 'manualSelector') !== true) continue;
      const raw = valueAt(resource.object, 'spec', 'selector');
      if (!isRecord(raw)) continue; // a missing selector is the schema's `required` finding
      const selector = labelSelector(raw);
      if (isEmptySelector(selector)) {
        violations.push(violation(resource, '/spec/selector', `the selector is empty, which the API server refuses for a ${kind}`));
        continue;
      }
      // An operator the API server does not know is refused on its own (label-syntax); matching it means nothing.
      if (listAt(raw, 'matchExpressions').some((item) => !OPERATORS.has(String(valueAt(item, 'operator'))))) continue;
      if (!matches(selector, labels)) violations.push(mismatch(resource, describeSelector(selector), labels));
    }
    return violations;
  },
};

function mismatch(resource: Resource, selector: string, labels: Record<string, string>): Violation {
  return violation(
    resource,
    pointer('spec', 'template', 'metadata', 'labels'),
    `the selector (${selector}) does not match the template's labels (${describeLabels(labels)}); the API server refuses it`,
  );
}
