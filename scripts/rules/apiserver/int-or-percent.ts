// Counts-or-percentages that the API server must parse: a string is only valid as digits followed by '%'
// ("0" and "invalid-value" are refused), an integer must not be negative, and most may not exceed 100%.
// Mirrors k8s.io/kubernetes pkg/apis/apps/validation ValidatePositiveIntOrPercent and IsNotMoreThan100Percent,
// as ValidateRollingUpdateDeployment, ValidateRollingUpdateDaemonSet, validateRollingUpdateStatefulSet and
// pkg/apis/policy/validation ValidatePodDisruptionBudgetSpec apply them. StatefulSet maxUnavailable is validated
// from Kubernetes 1.35, when the MaxUnavailableStatefulSet feature became beta (enabled by default); before,
// the API server dropped the field instead.
import type { Resource } from '../../lib/model.ts';
import type { Rule, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { fieldAt, intOrPercentProblem } from './lib/int-or-percent.ts';

/** Per kind: the fields, and whether each may not exceed 100%. */
const FIELDS: Readonly<Record<string, ReadonlyArray<{ segments: string[]; atMost100: boolean; since?: string }>>> = {
  Deployment: [
    { segments: ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], atMost100: false },
    { segments: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], atMost100: true },
  ],
  DaemonSet: [
    { segments: ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], atMost100: true },
    { segments: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], atMost100: true },
  ],
  StatefulSet: [{ segments: ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], atMost100: true, since: '1.35' }],
  PodDisruptionBudget: [
    { segments: ['spec', 'minAvailable'], atMost100: true },
    { segments: ['spec', 'maxUnavailable'], atMost100: true },
  ],
};

export const intOrPercent: Rule = {
  id: 'int-or-percent',
  severity: 'error',
  description:
    "maxSurge, maxUnavailable (Deployment, DaemonSet, and StatefulSet from Kubernetes 1.35) and a PodDisruptionBudget's minAvailable/maxUnavailable are a non-negative integer or a percentage written as digits and '%' (a quoted \"1\" is neither); percentages other than a Deployment's maxSurge are at most 100%; a PodDisruptionBudget sets only one of the two.",
  fix: 'Write a plain integer without quotes (maxUnavailable: 1) or a percentage with the sign (maxUnavailable: "25%"), from 0 to 100%; keep only one of minAvailable and maxUnavailable.',
  kinds: Object.keys(FIELDS),
  mirrors: '`ValidatePositiveIntOrPercent` and `IsNotMoreThan100Percent` (pkg/apis/apps/validation), as `ValidatePodDisruptionBudgetSpec` (pkg/apis/policy/validation) also applies them',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      for (const spec of FIELDS[resource.object.kind] ?? []) {
        if (spec.since && !targetsAtLeast(context, spec.since)) continue;
        const field = fieldAt(resource, ...spec.segments);
        const problem = intOrPercentProblem(field.value, spec.atMost100);
        if (problem) violations.push(violation(resource, field.path, message(resource, spec.segments, problem)));
      }
      if (resource.object.kind === 'PodDisruptionBudget' && isSet(fieldAt(resource, 'spec', 'minAvailable').value) && isSet(fieldAt(resource, 'spec', 'maxUnavailable').value)) {
        violations.push(violation(resource, '/spec/maxUnavailable', `minAvailable and maxUnavailable are both set; the API server accepts only one`));
      }
    }
    return violations;
  },
};

function isSet(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function message(resource: Resource, segments: string[], problem: string): string {
  return `${segments.join('.')}: ${problem}; the API server refuses it`;
}
