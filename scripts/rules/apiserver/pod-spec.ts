// A pod template without a `spec` passes the OpenAPI schema (PodTemplateSpec.spec is optional there) but not
// the API server: the PodSpec it defaults to has no containers. Mirrors k8s.io/kubernetes
// pkg/apis/core/validation ValidatePodTemplateSpec → ValidatePodSpec (containers: "Required value") and
// ValidatePodTemplateSpec's refusal of ephemeral containers in a template, and ValidatePodCreate's on a new Pod.
// ValidateStatefulSetSpec does not validate its template's PodSpec: such a StatefulSet is stored, and each pod
// it then creates is refused, which the messages say.
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt, valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, TEMPLATE_PATHS, violation } from './lib/common.ts';

export const podSpec: Rule = {
  id: 'pod-spec',
  severity: 'error',
  description:
    'Every pod template (and Pod) has a `spec` with at least one container, and no ephemeral containers (they can only be added to a running Pod).',
  fix: 'Give the template a spec with its containers (check that a patch did not replace or misplace spec.template), and move ephemeral containers to `kubectl debug`.',
  kinds: POD_SPEC_KINDS,
  mirrors: '`ValidatePodTemplateSpec`, `ValidatePodSpec` and `ValidatePodCreate` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const resource of context.resources) {
      const { kind } = resource.object;
      const templatePath = kind === 'Pod' ? [] : TEMPLATE_PATHS[kind];
      if (!templatePath) continue;
      // A missing template itself is the schema's `required` finding (or, for a Pod, a missing spec is ours).
      const template = templatePath.length === 0 ? resource.object : valueAt(resource.object, ...templatePath);
      if (!isRecord(template)) continue;
      const specPath = pointer(...templatePath, 'spec');
      const spec = template.spec;
      const where = kind === 'Pod' ? 'the Pod has no spec' : `the pod template (${templatePath.join('.')}) has no spec`;
      if (!isRecord(spec)) {
        violations.push(violation(resource, templatePath.length === 0 ? '' : pointer(...templatePath), `${where}: it would run no container, and ${refuser(kind)}`));
        continue;
      }
      if (Array.isArray(spec.containers) && spec.containers.length === 0) {
        violations.push(violation(resource, `${specPath}/containers`, `spec.containers is empty, and ${refuser(kind)}: a pod needs at least one container`));
      }
      if (listAt(spec, 'ephemeralContainers').length > 0) {
        const reason = kind === 'Pod' ? 'cannot be set when a Pod is created' : 'are not allowed in a pod template';
        violations.push(violation(resource, `${specPath}/ephemeralContainers`, `ephemeral containers ${reason}`));
      }
    }
    return violations;
  },
};

/** Who says no: the API server refuses the object, or for a StatefulSet (stored unchecked) each pod it creates. */
function refuser(kind: string): string {
  return kind === 'StatefulSet' ? 'the API server refuses every pod the StatefulSet creates' : 'the API server refuses it';
}
