// Volume names: required, DNS-1123 labels, unique within the pod. Mirrors k8s.io/kubernetes
// pkg/apis/core/validation ValidateVolumes (ValidateDNS1123Label on the name, field.Duplicate).
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, violation } from './lib/common.ts';
import { podSpecs } from './lib/pod-specs.ts';
import { dns1123Label } from './lib/syntax.ts';

export const volumeNames: Rule = {
  id: 'volume-names',
  severity: 'error',
  description: "Every volume of a pod has a name that is a DNS-1123 label (lower-case letters, digits and '-', at most 63 characters), used by no other volume of the pod.",
  fix: 'Rename one of the volumes and the volumeMounts that mean it (a patch that appends a volume instead of merging by name often causes the duplicate).',
  kinds: POD_SPEC_KINDS,
  mirrors: '`ValidateVolumes` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const pod of podSpecs(context.resources)) {
      const seen = new Map<string, number>();
      listAt(pod.spec, 'volumes').forEach((volume, index) => {
        if (!isRecord(volume) || typeof volume.name !== 'string') return;
        const at = `${pod.path}${pointer('volumes', index, 'name')}`;
        const name = volume.name;
        if (name === '') {
          violations.push(violation(pod.resource, at, `volumes[${index}] has an empty name`));
          return;
        }
        for (const reason of dns1123Label(name)) violations.push(violation(pod.resource, at, `volume "${name}": name ${reason}`));
        const first = seen.get(name);
        if (first !== undefined) violations.push(violation(pod.resource, at, `volume "${name}" is defined twice (first at volumes[${first}])`));
        else seen.set(name, index);
      });
    }
    return violations;
  },
};
