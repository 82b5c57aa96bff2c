import type { Rule, Violation } from '../rule.ts';
import { describe } from '../cross/lib/values.ts';
import { labelSelector, matches } from '../cross/lib/selectors.ts';
import { isRecord, listAt, recordAt } from '../lib/read.ts';
import { minimumPods, REPLICATED_KINDS, SCALER_KINDS } from './lib/scaling.ts';

// Replicas that the scheduler may place on one node fail together with it. Either a pod anti-affinity
// (required or preferred) whose term selects the workload's own pods, or a topology spread constraint, tells it
// to keep them apart (a constraint whose selector misses the pods is topology-spread-constraints' finding).
export const replicaSpread: Rule = {
  id: 'replica-spread',
  severity: 'warning',
  description:
    'A Deployment or StatefulSet that runs more than one pod (replicas, or an HPA minReplicas) has a podAntiAffinity or topologySpreadConstraints, so that its replicas do not share one node.',
  fix: 'Add topologySpreadConstraints (topologyKey kubernetes.io/hostname, whenUnsatisfiable ScheduleAnyway, labelSelector matching the pods) or a preferred podAntiAffinity.',
  kinds: [...REPLICATED_KINDS, ...SCALER_KINDS],
  equivalents: {
    kubeLinter: 'no-anti-affinity',
    polaris: 'topologySpreadConstraint',
    kubeScore: 'deployment-has-host-podantiaffinity, statefulset-has-host-podantiaffinity',
  },
  check: (context) => {
    const violations: Violation[] = [];
    for (const workload of context.index.workloads) {
      const pods = minimumPods(context.index, workload);
      if (pods === undefined || pods < 2) continue;
      const spec = workload.template.spec;
      const antiAffinity = recordAt(spec, 'affinity', 'podAntiAffinity');
      const terms = isRecord(antiAffinity)
        ? [
            ...listAt(antiAffinity, 'requiredDuringSchedulingIgnoredDuringExecution'),
            ...listAt(antiAffinity, 'preferredDuringSchedulingIgnoredDuringExecution').map((item) => recordAt(item, 'podAffinityTerm')),
          ]
        : [];
      // A term without labelSelector selects no pod; one that selects other pods keeps these away from those only.
      const spreadsOwnPods = terms.some((term) => isRecord(term) && isRecord(term.labelSelector) && matches(labelSelector(term.labelSelector), workload.template.labels));
      if (spreadsOwnPods || listAt(spec, 'topologySpreadConstraints').length > 0) continue;
      violations.push({
        resource: workload.resource,
        path: terms.length > 0 ? `${workload.template.specPath}/affinity/podAntiAffinity` : workload.template.specPath,
        message:
          terms.length > 0
            ? `${describe(workload.resource)} runs ${pods} pods whose podAntiAffinity selects none of its own pods (${Object.entries(workload.template.labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels'}): they may all land on one node`
            : `${describe(workload.resource)} runs ${pods} pods with neither podAntiAffinity nor topologySpreadConstraints: they may all land on one node`,
      });
    }
    return violations;
  },
};
