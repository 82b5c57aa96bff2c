// KEDA ScaledObjects scale as the HPA they make: the PDB, replicas, RWO and target rules read them as scalers.
import { describe, expect, it } from 'vitest';
import { hpaReplicasConflict } from '../../scripts/rules/cross/hpa-replicas-conflict.ts';
import { hpaTarget } from '../../scripts/rules/cross/hpa-target.ts';
import { pdbHpa } from '../../scripts/rules/cross/pdb-hpa.ts';
import { pdbSelector } from '../../scripts/rules/cross/pdb-selector.ts';
import { check, checkFixture, reportedOn, severityOf } from './fixtures.ts';

describe('KEDA ScaledObject as a scaler', () => {
  it('reads minReplicaCount as the floor, so a budget keeping fewer pods passes pdb-selector and pdb-hpa', () => {
    expect(checkFixture(pdbSelector, 'pdb-hpa/keda-scaledobject-leaves-evictions')).toEqual([]);
    expect(check(pdbHpa, 'keda-scaledobject-leaves-evictions')).toEqual([]);
    expect(checkFixture(hpaTarget, 'pdb-hpa/keda-scaledobject-leaves-evictions')).toEqual([]);
    expect(checkFixture(hpaReplicasConflict, 'pdb-hpa/keda-scaledobject-leaves-evictions')).toEqual([]);
  });

  it('still reports a budget that blocks at KEDA\'s floor and replicas a sync would reset', () => {
    const [blocked, ...rest] = check(pdbHpa, 'keda-scaledobject-blocks-evictions');
    expect(rest).toEqual([]);
    expect(severityOf(pdbHpa, blocked)).toBe('warning');
    expect(blocked.message).toContain('when ScaledObject jobs/worker is at its minimum');
    const conflicts = checkFixture(hpaReplicasConflict, 'pdb-hpa/keda-scaledobject-blocks-evictions');
    expect(conflicts.map((v) => [reportedOn(v), v.path])).toEqual([['Deployment worker', '/spec/replicas']]);
    expect(conflicts[0].message).toContain('ScaledObject jobs/worker scales it (min 2, max 100)');
  });
});
