// The pod restartPolicy each controller accepts. A template without one is defaulted to Always, so a Job
// that does not say OnFailure or Never is refused. Mirrors k8s.io/kubernetes pkg/apis/batch/validation
// ValidateJobSpec / validateJobTemplate (restartPolicy: OnFailure or Never) and pkg/apis/apps/validation
// ValidatePodTemplateSpecForReplicaSet, ValidateDaemonSetSpec, ValidateStatefulSetSpec and core
// ValidateReplicationControllerSpec (restartPolicy: Always).
import { pointer } from '../../lib/model.ts';
import { valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { podSpecPointer, violation } from './lib/common.ts';

const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);
const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

export const restartPolicy: Rule = {
  id: 'restart-policy',
  severity: 'error',
  description:
    "A Job's or CronJob's pod template sets restartPolicy OnFailure or Never (left out, it defaults to Always, which the API server refuses for Jobs); a Deployment, StatefulSet, DaemonSet, ReplicaSet or ReplicationController template leaves it out or sets Always.",
  fix: 'Set restartPolicy: Never (or OnFailure) in the pod template of a Job or CronJob; remove restartPolicy from the template of a long-running workload.',
  kinds: [...RUN_TO_COMPLETION, ...LONG_RUNNING],
  mirrors: '`ValidateJobSpec` (pkg/apis/batch/validation), `ValidatePodTemplateSpecForReplicaSet`, `ValidateDaemonSetSpec`, `ValidateStatefulSetSpec` (pkg/apis/apps/validation), `ValidateReplicationControllerSpec` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      const { kind } = resource.object;
      const specPath = podSpecPointer(kind);
      if (!specPath) continue;
      const segments = specPath.slice(1).split('/');
      const spec = valueAt(resource.object, ...segments);
      if (spec === undefined || spec === null) continue; // no spec at all is the pod-spec rule's finding
      const policy = valueAt(spec, 'restartPolicy');
      const written = typeof policy === 'string' ? policy : undefined;
      if (RUN_TO_COMPLETION.has(kind) && written !== 'OnFailure' && written !== 'Never') {
        const path = written === undefined ? specPath : pointer(...segments, 'restartPolicy');
        const said = written === undefined ? 'does not set restartPolicy, so it defaults to Always' : `sets restartPolicy ${written}`;
        violations.push(violation(resource, path, `the pod template ${said}; a ${kind}'s pods must use OnFailure or Never`));
      }
      if (LONG_RUNNING.has(kind) && written !== undefined && written !== 'Always') {
        violations.push(violation(resource, pointer(...segments, 'restartPolicy'), `the pod template sets restartPolicy ${written}; a ${kind} only accepts Always`));
      }
    }
    return violations;
  },
};
