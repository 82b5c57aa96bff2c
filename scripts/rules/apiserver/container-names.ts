// Container names: required, DNS-1123 labels, and unique across a pod's containers, init containers and
// ephemeral containers. Mirrors k8s.io/kubernetes pkg/apis/core/validation validateContainers,
// validateInitContainers and validateEphemeralContainers (ValidateDNS1123Label, field.Duplicate on the name).
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, violation } from './lib/common.ts';
import { containerEntries, describeContainer, podSpecs, type ContainerEntry } from './lib/pod-specs.ts';
import { dns1123Label } from './lib/syntax.ts';

export const containerNames: Rule = {
  id: 'container-names',
  severity: 'error',
  description:
    "Every container, init container and ephemeral container has a name that is a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters) and that no other container of the pod uses.",
  fix: 'Rename one of the containers (a patch that appends a container instead of merging by name often causes the duplicate).',
  kinds: POD_SPEC_KINDS,
  mirrors: '`validateContainers`, `validateInitContainers`, `validateEphemeralContainers` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const pod of podSpecs(context.resources)) {
      const seen = new Map<string, ContainerEntry>();
      for (const entry of containerEntries(pod)) {
        const at = `${entry.path}/name`;
        if (entry.name === '') {
          // A missing name is the schema's `required` finding; only an explicit empty string is left to us.
          if (entry.container.name === '') violations.push(violation(pod.resource, at, `a ${entry.list} entry has an empty name`));
          continue;
        }
        for (const reason of dns1123Label(entry.name)) {
          violations.push(violation(pod.resource, at, `${describeContainer(entry)}: name ${reason}`, { container: entry.name }));
        }
        const first = seen.get(entry.name);
        if (first) {
          violations.push(
            violation(pod.resource, at, `${describeContainer(entry)} has the same name as ${describeContainer(first)}`, { container: entry.name }),
          );
        } else seen.set(entry.name, entry);
      }
    }
    return violations;
  },
};
