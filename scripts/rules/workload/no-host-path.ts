import type { Rule, Violation } from '../rule.ts';
import { podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';

export const noHostPath: Rule = {
  id: 'no-host-path',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'No pod mounts a hostPath volume (PSS baseline).',
  fix: 'Use a PersistentVolumeClaim, emptyDir, ConfigMap or Secret instead of a directory of the node.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'sensitive-host-mounts (partial)' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      listAt(template.spec, 'volumes').forEach((volume, index) => {
        if (!isRecord(volume) || volume.hostPath === undefined) return;
        const path = isRecord(volume.hostPath) ? ` (${String(volume.hostPath.path)})` : '';
        violations.push(podViolation(template, `/volumes/${index}/hostPath`, `volume "${String(volume.name)}" mounts a node directory${path}`));
      });
    }
    return violations;
  },
};
