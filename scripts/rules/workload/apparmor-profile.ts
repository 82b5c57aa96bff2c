import type { Rule, Violation } from '../rule.ts';
import { appendAll, pointer } from '../../lib/model.ts';
import { podAnnotations, POD_SECURITY_KINDS, securityContextViolations, type SecurityContextProblem } from './lib/containers.ts';
import { valueAt } from '../lib/read.ts';

// PSS baseline (check_appArmorProfile.go), both channels: the appArmorProfile fields (Kubernetes 1.30+) may
// only name RuntimeDefault or Localhost, and the deprecated per-container annotations, which pod-security-
// admission still reads, only runtime/default or localhost/<profile> (or nothing).
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);
const ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';

function profileType(securityContext: Record<string, unknown>): SecurityContextProblem[] {
  const type = valueAt(securityContext, 'appArmorProfile', 'type');
  return type !== undefined && !ALLOWED_TYPES.has(String(type)) ? [{ path: '/appArmorProfile/type', message: `uses AppArmor profile ${String(type)}` }] : [];
}

function allowedAnnotation(value: unknown): boolean {
  return value === '' || value === 'runtime/default' || (typeof value === 'string' && value.startsWith('localhost/'));
}

export const apparmorProfile: Rule = {
  id: 'apparmor-profile',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description:
    'No pod or container overrides AppArmor with anything but RuntimeDefault or Localhost: the appArmorProfile fields and the container.apparmor.security.beta.kubernetes.io/* annotations (PSS baseline).',
  fix: 'Remove the AppArmor override, or set appArmorProfile.type: RuntimeDefault (or Localhost with a profile loaded on the nodes).',
  kinds: POD_SECURITY_KINDS,
  equivalents: { polaris: 'linuxHardening (partial)' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      appendAll(violations, securityContextViolations(template, profileType));
      const { annotations, path } = podAnnotations(template);
      for (const [key, value] of Object.entries(annotations)) {
        if (!key.startsWith(ANNOTATION_PREFIX) || allowedAnnotation(value)) continue;
        violations.push({
          resource: template.resource,
          path: path + pointer(key),
          message: `the annotation ${key} sets AppArmor profile "${String(value)}" for container "${key.slice(ANNOTATION_PREFIX.length)}"`,
        });
      }
    }
    return violations;
  },
};
