import type { Rule, Violation } from '../rule.ts';
import { optionsOf, type OptionSpecs } from '../options.ts';
import { containersOf } from '../resource-index.ts';
import {
  containerSecurityContext,
  containerViolation,
  podSecurityContext,
  podViolation,
  POD_SECURITY_KINDS,
  usesUserNamespace,
} from './lib/containers.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';

// Pod Security Standards "restricted": runAsNonRoot (check_runAsNonRoot.go) and runAsUser != 0
// (check_runAsUser.go). From policy version 1.35 both are skipped for pods in a user namespace
// (hostUsers: false); before, that relaxation sat behind an alpha feature gate that clusters leave off.
// runAsGroup: 0 is not a PSA check; kube-score and Polaris flag it, and so does this rule unless allowed.
const OPTIONS = {
  requireRunAsNonRoot: {
    type: 'boolean',
    description: 'true: require runAsNonRoot: true exactly as Pod Security restricted does (a non-zero runAsUser alone fails)',
  },
  allowRootGroup: {
    type: 'boolean',
    description: 'true: accept runAsGroup: 0 as Pod Security does (default false: the root group fails, as in kube-score and Polaris)',
  },
} as const satisfies OptionSpecs;

export const runAsNonRoot: Rule = {
  id: 'run-as-non-root',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description:
    'Containers cannot run as root: runAsNonRoot true (or a non-zero runAsUser) on the pod or every container, never runAsNonRoot false, runAsUser 0 or runAsGroup 0.',
  fix: 'Set securityContext.runAsNonRoot: true with a non-zero runAsUser and runAsGroup on the pod; remove any false or 0 on containers.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'run-as-non-root', polaris: 'runAsRootAllowed', kubeScore: 'container-security-context-user-group-id (partial)' },
  options: OPTIONS,
  check: (context) => {
    const options = optionsOf(context.settings, 'run-as-non-root', OPTIONS);
    // `requireRunAsNonRoot: true` is the exact PSS check: a non-zero runAsUser alone is not enough.
    const strict = options.requireRunAsNonRoot === true;
    const rootGroupFails = options.allowRootGroup !== true;
    const userNamespaceRelaxes = targetsAtLeast(context, '1.35');
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      if (userNamespaceRelaxes && usesUserNamespace(template)) continue;
      const pod = podSecurityContext(template);
      if (rootGroupFails && pod.runAsGroup === 0) {
        violations.push(podViolation(template, '/securityContext/runAsGroup', 'the pod sets runAsGroup: 0 (the root group)'));
      }
      for (const ref of containersOf(template)) {
        if (rootGroupFails && containerSecurityContext(ref).runAsGroup === 0) {
          violations.push(containerViolation(ref, '/securityContext/runAsGroup', 'sets runAsGroup: 0 (the root group)'));
        }
      }
      if (pod.runAsNonRoot === false) {
        violations.push(podViolation(template, '/securityContext/runAsNonRoot', 'the pod sets runAsNonRoot: false'));
      }
      if (pod.runAsUser === 0) {
        violations.push(podViolation(template, '/securityContext/runAsUser', 'the pod sets runAsUser: 0 (root)'));
      }
      // A container that merely inherits a failing pod setting is covered by the pod's finding: one cause, one finding.
      const podFailed = pod.runAsNonRoot === false || pod.runAsUser === 0;
      for (const ref of containersOf(template)) {
        const own = containerSecurityContext(ref);
        let explicit = false;
        if (own.runAsNonRoot === false) {
          violations.push(containerViolation(ref, '/securityContext/runAsNonRoot', 'sets runAsNonRoot: false'));
          explicit = true;
        }
        if (own.runAsUser === 0) {
          violations.push(containerViolation(ref, '/securityContext/runAsUser', 'sets runAsUser: 0 (root)'));
          explicit = true;
        }
        if (explicit || podFailed) continue;
        const nonRoot = (own.runAsNonRoot ?? pod.runAsNonRoot) === true;
        const user = own.runAsUser ?? pod.runAsUser;
        const nonRootUser = !strict && typeof user === 'number' && user !== 0;
        if (!nonRoot && !nonRootUser) {
          violations.push(
            containerViolation(ref, '/securityContext/runAsNonRoot', 'may run as root: neither it nor the pod sets runAsNonRoot: true'),
          );
        }
      }
    }
    return violations;
  },
};
