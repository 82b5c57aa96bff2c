// Volume mounts must name a volume of the pod, and one container must not mount two volumes at one path.
// Mirrors k8s.io/kubernetes pkg/apis/core/validation validateVolumeMounts ("volumeMounts[i].name: Not found",
// "mountPath: must be unique") and validateVolumeDevices. A StatefulSet's volumeClaimTemplates become volumes
// of its pods (the StatefulSet controller adds them), so their names count as volumes.
import { isRecord, pointer } from '../../lib/model.ts';
import { listAt, valueAt } from '../lib/read.ts';
import type { Rule, Violation } from '../rule.ts';
import { POD_SPEC_KINDS, violation } from './lib/common.ts';
import { containerEntries, describeContainer, podSpecs, type PodSpecRef } from './lib/pod-specs.ts';

export const volumeMounts: Rule = {
  id: 'volume-mounts',
  severity: 'error',
  description:
    "Every volumeMount and volumeDevice of a container names a volume of the pod (for a StatefulSet, a volume or a volumeClaimTemplate), and no container mounts two volumes at the same mountPath.",
  fix: 'Add the volume to spec.volumes (or the claim to volumeClaimTemplates), or correct the mount\'s name; give each mount of a container its own mountPath.',
  kinds: POD_SPEC_KINDS,
  mirrors: '`validateVolumeMounts` and `validateVolumeDevices` (pkg/apis/core/validation)',
  check(context) {
    const violations: Violation[] = [];
    for (const pod of podSpecs(context.resources)) {
      const volumes = volumeNamesOf(pod);
      for (const entry of containerEntries(pod)) {
        const container = entry.name ? { container: entry.name } : {};
        const paths = new Map<string, number>();
        listAt(entry.container, 'volumeMounts').forEach((mount, index) => {
          if (!isRecord(mount)) return;
          const at = `${entry.path}${pointer('volumeMounts', index)}`;
          if (typeof mount.name === 'string' && !volumes.has(mount.name)) {
            violations.push(violation(pod.resource, `${at}/name`, `${describeContainer(entry)} mounts volume "${mount.name}", which the pod does not define`, container));
          }
          if (typeof mount.mountPath !== 'string' || mount.mountPath === '') return;
          const first = paths.get(mount.mountPath);
          if (first !== undefined) {
            violations.push(violation(pod.resource, `${at}/mountPath`, `${describeContainer(entry)} mounts a second volume at ${mount.mountPath} (first: volumeMounts[${first}])`, container));
          } else paths.set(mount.mountPath, index);
        });
        listAt(entry.container, 'volumeDevices').forEach((device, index) => {
          if (!isRecord(device) || typeof device.name !== 'string' || volumes.has(device.name)) return;
          violations.push(
            violation(pod.resource, `${entry.path}${pointer('volumeDevices', index, 'name')}`, `${describeContainer(entry)} uses volume device "${device.name}", which the pod does not define`, container),
          );
        });
      }
    }
    return violations;
  },
};

function volumeNamesOf(pod: PodSpecRef): Set<string> {
  const names = new Set<string>();
  for (const volume of listAt(pod.spec, 'volumes')) if (typeof valueAt(volume, 'name') === 'string') names.add(valueAt(volume, 'name') as string);
  if (pod.resource.object.kind === 'StatefulSet') {
    for (const claim of listAt(pod.resource.object, 'spec', 'volumeClaimTemplates')) {
      const name = valueAt(claim, 'metadata', 'name');
      if (typeof name === 'string') names.add(name);
    }
  }
  return names;
}
