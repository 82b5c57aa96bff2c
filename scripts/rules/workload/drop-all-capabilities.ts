import type { Rule, Violation } from '../rule.ts';
import { containerSecurityContext, containerViolation, isWindowsPod, visitContainers, POD_SECURITY_KINDS } from './lib/containers.ts';
import { recordAt, stringList } from '../lib/read.ts';
import { BASELINE_CAPABILITIES } from './added-capabilities.ts';

// PSS "restricted" (check_capabilities_restricted.go): drop must list "ALL", add may only list NET_BIND_SERVICE.
// A capability outside the runtime default set is the baseline level's (added-capabilities), reported there.
const ADDABLE = new Set(['NET_BIND_SERVICE']);

export const dropAllCapabilities: Rule = {
  id: 'drop-all-capabilities',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: 'Every container drops ALL capabilities and adds back none of the runtime default set but NET_BIND_SERVICE (one outside that set is added-capabilities, baseline).',
  fix: 'Set securityContext.capabilities.drop: ["ALL"] and remove every added capability except NET_BIND_SERVICE.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'drop-net-raw-capability (partial)', polaris: 'insecureCapabilities' },
  check: (context) =>
    visitContainers(
      context,
      ['containers', 'initContainers', 'ephemeralContainers'],
      (ref) => {
        const capabilities = recordAt(containerSecurityContext(ref), 'capabilities') ?? {};
        const violations: Violation[] = [];
        if (!stringList(capabilities.drop).includes('ALL')) {
          violations.push(containerViolation(ref, '/securityContext/capabilities/drop', 'does not drop ALL capabilities'));
        }
        const added = Array.isArray(capabilities.add) ? capabilities.add : [];
        added.forEach((capability, index) => {
          if (typeof capability === 'string' && (ADDABLE.has(capability) || !BASELINE_CAPABILITIES.has(capability))) return;
          violations.push(containerViolation(ref, `/securityContext/capabilities/add/${index}`, `adds capability ${String(capability)}`));
        });
        return violations;
      },
      (template) => !isWindowsPod(template),
    ),
};
