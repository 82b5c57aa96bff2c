// Rollout settings the API server refuses as a whole, after its defaults are applied. Mirrors
// k8s.io/kubernetes pkg/apis/apps/validation: ValidateDeploymentStrategy (no rollingUpdate with Recreate) and
// ValidateRollingUpdateDeployment (maxUnavailable and maxSurge not both 0; both default to 25%),
// ValidateRollingUpdateDaemonSet (exactly one of maxUnavailable and maxSurge non-zero; defaults 1 and 0),
// ValidateStatefulSetSpec (rollingUpdate only with the RollingUpdate type, partition not negative) and
// validateRollingUpdateStatefulSet (maxUnavailable not 0, from 1.35 when MaxUnavailableStatefulSet is on by default).
import type { Resource } from '../../lib/model.ts';
import { isRecord } from '../../lib/model.ts';
import { valueAt } from '../lib/read.ts';
import type { Rule, RuleContext, Violation } from '../rule.ts';
import { violation } from './lib/common.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { fieldAt, intOrPercentValue } from './lib/int-or-percent.ts';

export const updateStrategy: Rule = {
  id: 'update-strategy',
  severity: 'error',
  description:
    "A Deployment's rolling update does not set both maxSurge and maxUnavailable to 0, and a Recreate strategy has no rollingUpdate; a DaemonSet's rolling update has exactly one of maxUnavailable (default 1) and maxSurge (default 0) above 0; a StatefulSet's rollingUpdate comes only with type RollingUpdate, with a partition of 0 or more and (from Kubernetes 1.35) a maxUnavailable above 0.",
  fix: 'Let one of maxSurge and maxUnavailable be above 0 (for a DaemonSet, exactly one), and remove rollingUpdate when the strategy type is Recreate or OnDelete.',
  kinds: ['Deployment', 'DaemonSet', 'StatefulSet'],
  mirrors:
    '`ValidateDeploymentStrategy`, `ValidateRollingUpdateDeployment`, `ValidateRollingUpdateDaemonSet`, `ValidateStatefulSetSpec` and `validateRollingUpdateStatefulSet` (pkg/apis/apps/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      if (resource.object.kind === 'Deployment') deployment(resource, violations);
      else if (resource.object.kind === 'DaemonSet') daemonSet(resource, violations);
      else if (resource.object.kind === 'StatefulSet') statefulSet(resource, context, violations);
    }
    return violations;
  },
};

function deployment(resource: Resource, out: Violation[]): void {
  const type = valueAt(resource.object, 'spec', 'strategy', 'type');
  const rollingUpdate = valueAt(resource.object, 'spec', 'strategy', 'rollingUpdate');
  if (type === 'Recreate') {
    if (isRecord(rollingUpdate)) out.push(violation(resource, '/spec/strategy/rollingUpdate', `strategy type Recreate does not take rollingUpdate`));
    return;
  }
  const surge = intOrPercentValue(fieldAt(resource, 'spec', 'strategy', 'rollingUpdate', 'maxSurge').value, 25);
  const unavailable = fieldAt(resource, 'spec', 'strategy', 'rollingUpdate', 'maxUnavailable');
  if (surge === 0 && intOrPercentValue(unavailable.value, 25) === 0) {
    out.push(violation(resource, unavailable.path, `maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod`));
  }
}

function daemonSet(resource: Resource, out: Violation[]): void {
  if ((valueAt(resource.object, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate') !== 'RollingUpdate') return;
  const surge = fieldAt(resource, 'spec', 'updateStrategy', 'rollingUpdate', 'maxSurge');
  const unavailable = fieldAt(resource, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable');
  const hasSurge = intOrPercentValue(surge.value, 0) !== 0;
  const hasUnavailable = intOrPercentValue(unavailable.value, 1) !== 0;
  if (hasSurge && hasUnavailable) {
    out.push(violation(resource, surge.path, `maxSurge and maxUnavailable are both above 0; a DaemonSet takes only one (set maxUnavailable: 0 to surge)`));
  } else if (!hasSurge && !hasUnavailable) {
    out.push(violation(resource, unavailable.path, `maxUnavailable and maxSurge are both 0, so a rollout could never replace a pod`));
  }
}

function statefulSet(resource: Resource, context: RuleContext, out: Violation[]): void {
  const type = valueAt(resource.object, 'spec', 'updateStrategy', 'type') ?? 'RollingUpdate';
  const rollingUpdate = valueAt(resource.object, 'spec', 'updateStrategy', 'rollingUpdate');
  if (!isRecord(rollingUpdate)) return;
  if (type === 'OnDelete') {
    out.push(violation(resource, '/spec/updateStrategy/rollingUpdate', `rollingUpdate is only allowed with updateStrategy type RollingUpdate, not OnDelete`));
    return;
  }
  if (typeof rollingUpdate.partition === 'number' && rollingUpdate.partition < 0) {
    out.push(violation(resource, '/spec/updateStrategy/rollingUpdate/partition', `partition ${rollingUpdate.partition} is negative`));
  }
  const maxUnavailable = fieldAt(resource, 'spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable');
  if (targetsAtLeast(context, '1.35') && maxUnavailable.value !== undefined && maxUnavailable.value !== null && intOrPercentValue(maxUnavailable.value, 1) === 0) {
    out.push(violation(resource, maxUnavailable.path, `maxUnavailable cannot be 0 (from Kubernetes 1.35, where the API server validates it)`));
  }
}
