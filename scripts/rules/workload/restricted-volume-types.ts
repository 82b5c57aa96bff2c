import type { Rule, Violation } from '../rule.ts';
import { podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { targetsAtLeast } from '../lib/kubernetes-version.ts';
import { isRecord, listAt } from '../lib/read.ts';

// PSS "restricted" (check_restrictedVolumes.go); `image` volumes are allowed since Kubernetes 1.33 (patched into
// the 1.0 check, so what decides is the cluster's release: the run's target version).
export const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'image',
  'persistentVolumeClaim',
  'projected',
  'secret',
] as const;
const BEFORE_1_33 = new Set<string>(RESTRICTED_VOLUME_TYPES.filter((type) => type !== 'image'));
const FROM_1_33 = new Set<string>(RESTRICTED_VOLUME_TYPES);

export const restrictedVolumeTypes: Rule = {
  id: 'restricted-volume-types',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: `Pods use only the volume types PSS "restricted" allows: ${RESTRICTED_VOLUME_TYPES.join(', ')} (image from Kubernetes 1.33).`,
  fix: 'Replace the volume with a PersistentVolumeClaim (for storage) or one of the allowed types.',
  kinds: POD_SECURITY_KINDS,
  check: (context) => {
    const allowed = targetsAtLeast(context, '1.33') ? FROM_1_33 : BEFORE_1_33;
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      listAt(template.spec, 'volumes').forEach((volume, index) => {
        if (!isRecord(volume)) return;
        const types = Object.keys(volume).filter((key) => key !== 'name');
        // The API server defaults a volume with no source to emptyDir, which is allowed.
        if (types.length === 0) return;
        if (types.some((type) => allowed.has(type))) return;
        violations.push(
          podViolation(template, `/volumes/${index}`, `volume "${String(volume.name)}" has type ${types.join(', ')}, which "restricted" does not allow`),
        );
      });
    }
    return violations;
  },
};
