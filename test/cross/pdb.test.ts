import { describe, expect, it } from 'vitest';
import { pdbHpa } from '../../scripts/rules/cross/pdb-hpa.ts';
import { pdbSelector } from '../../scripts/rules/cross/pdb-selector.ts';
import { check, checkFixture, reportedOn, severityOf } from './fixtures.ts';

describe('pdb-selector', () => {
  it('accepts a matchExpressions selector that selects the Deployment and leaves one eviction', () => {
    expect(check(pdbSelector, 'pdb-allows-one-eviction')).toEqual([]);
  });

  it('reports a selector that selects no workload', () => {
    const [violation, ...rest] = check(pdbSelector, 'pdb-selects-nothing');
    expect(rest).toEqual([]);
    expect(severityOf(pdbSelector, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('PodDisruptionBudget gateway');
    expect(violation.path).toBe('/spec/selector');
    expect(violation.message).toBe('PodDisruptionBudget openclaw/gateway selects the pods of no workload in namespace openclaw in the render; if pods with these labels are made outside the render (an operator, another source), declare them under external.pods');
  });

  it('reports minAvailable 100% at the declared replicas, naming the Deployment', () => {
    const [violation, ...rest] = check(pdbSelector, 'pdb-min-available-equals-replicas');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/minAvailable');
    expect(violation.message).toContain('PodDisruptionBudget openclaw/gateway minAvailable 100% allows no eviction of Deployment gateway at 2 pod(s)');
  });

  it('reports maxUnavailable 0 whatever the replica count', () => {
    const [violation, ...rest] = check(pdbSelector, 'pdb-max-unavailable-zero');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/maxUnavailable');
    expect(violation.message).toContain('maxUnavailable 0 blocks every voluntary eviction of Deployment gateway');
  });

  it('rounds a minAvailable percentage up, so 50% of one replica blocks', () => {
    const [violation] = check(pdbSelector, 'pdb-percentage-rounds-up-single-replica');
    expect(violation.message).toContain('minAvailable 50% allows no eviction of Deployment gateway at 1 pod(s)');
  });

  it('leaves HPA-scaled workloads to pdb-hpa', () => {
    expect(checkFixture(pdbSelector, 'pdb-hpa/pdb-min-available-equals-hpa-min')).toEqual([]);
  });
});

describe('pdb-hpa', () => {
  it('accepts minAvailable below the HPA minReplicas', () => {
    expect(check(pdbHpa, 'pdb-below-hpa-min')).toEqual([]);
  });

  it('reports minAvailable equal to the HPA minReplicas as a warning on the PDB', () => {
    const [violation, ...rest] = check(pdbHpa, 'pdb-min-available-equals-hpa-min');
    expect(rest).toEqual([]);
    expect(severityOf(pdbHpa, violation)).toBe('warning');
    expect(reportedOn(violation)).toBe('PodDisruptionBudget gateway');
    expect(violation.path).toBe('/spec/minAvailable');
    expect(violation.message).toBe(
      'PodDisruptionBudget openclaw/gateway minAvailable 2 allows no eviction when HorizontalPodAutoscaler openclaw/gateway is at its minimum (Deployment gateway HPA minReplicas 2)',
    );
  });

  it('rounds a percentage up against minReplicas (60% of 2 is 2)', () => {
    const [violation] = check(pdbHpa, 'pdb-percentage-rounds-up-to-hpa-min');
    expect(violation.message).toContain('minAvailable 60% allows no eviction');
  });
});
