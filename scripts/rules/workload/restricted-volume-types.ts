import type { Rule, Violation } from '../rule.ts';
import { podViolation, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';

// PSS "restricted" (check_restrictedVolumes.go); `image` volumes are allowed since Kubernetes 1.33.
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
const ALLOWED = new Set<string>(RESTRICTED_VOLUME_TYPES);

export const restrictedVolumeTypes: Rule = {
  id: 'restricted-volume-types',
  severity: 'error',
  // Pod Security Standards, restricted level.
  profile: 'restricted',
  description: `Pods use only the volume types PSS "restricted" allows: ${RESTRICTED_VOLUME_TYPES.join(', ')}.`,
  fix: 'Replace the volume with a PersistentVolumeClaim (for storage) or one of the allowed types.',
  kinds: WORKLOAD_KINDS,
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      listAt(template.spec, 'volumes').forEach((volume, index) => {
        if (!isRecord(volume)) return;
        const types = Object.keys(volume).filter((key) => key !== 'name');
        // The API server defaults a volume with no source to emptyDir, which is allowed.
        if (types.length === 0) return;
        if (types.some((type) => ALLOWED.has(type))) return;
        violations.push(
          podViolation(template, `/volumes/${index}`, `volume "${String(volume.name)}" has type ${types.join(', ')}, which "restricted" does not allow`),
        );
      });
    }
    return violations;
  },
};
