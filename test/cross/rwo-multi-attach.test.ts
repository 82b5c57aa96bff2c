import { describe, expect, it } from 'vitest';
import { rwoMultiAttach } from '../../scripts/rules/cross/rwo-multi-attach.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

describe('rwo-multi-attach', () => {
  it('accepts a single-replica Recreate Deployment without HPA', () => {
    expect(check(rwoMultiAttach, 'rwo-recreate-single-replica')).toEqual([]);
  });

  it('accepts a ReadWriteMany claim on many replicas', () => {
    expect(check(rwoMultiAttach, 'rwx-many-replicas')).toEqual([]);
  });

  it('reports the default RollingUpdate, whose 25% maxSurge rounds up to a second pod', () => {
    const [violation, ...rest] = check(rwoMultiAttach, 'rwo-rolling-update-surges');
    expect(rest).toEqual([]);
    expect(severityOf(rwoMultiAttach, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('Deployment gateway');
    expect(violation.path).toBe('/spec/template/spec/volumes/0/persistentVolumeClaim/claimName');
    expect(violation.message).toBe(
      'Deployment openclaw/gateway mounts ReadWriteOnce PersistentVolumeClaim openclaw/workspace, but can run two pods at once: its RollingUpdate (maxSurge 25%) starts a new pod before the old one stops',
    );
  });

  it('reports more than one replica', () => {
    const [violation] = check(rwoMultiAttach, 'rwo-three-replicas');
    expect(violation.message).toContain('replicas is 3');
  });

  it('reports an HPA that can scale out, naming it', () => {
    const [violation] = check(rwoMultiAttach, 'rwo-hpa-scales-out');
    expect(violation.message).toContain('HorizontalPodAutoscaler openclaw/gateway scales it up to 4');
  });
});
