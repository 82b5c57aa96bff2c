import { describe, expect, it } from 'vitest';
import { hpaReplicasConflict } from '../../scripts/rules/cross/hpa-replicas-conflict.ts';
import { hpaRequests } from '../../scripts/rules/cross/hpa-requests.ts';
import { hpaTarget } from '../../scripts/rules/cross/hpa-target.ts';
import { check, reportedOn, severityOf } from './fixtures.ts';

describe('hpa-target', () => {
  it('accepts an HPA whose target Deployment is in the render', () => {
    expect(check(hpaTarget, 'hpa-targets-deployment')).toEqual([]);
  });

  it('reports a scaleTargetRef that names nothing in the render', () => {
    const [violation, ...rest] = check(hpaTarget, 'hpa-target-missing');
    expect(rest).toEqual([]);
    expect(severityOf(hpaTarget, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('HorizontalPodAutoscaler openclaw-gateway');
    expect(violation.path).toBe('/spec/scaleTargetRef/name');
    expect(violation.message).toContain('HorizontalPodAutoscaler openclaw/openclaw-gateway scales Deployment openclaw/openclaw-gateway, which is not in the render');
    expect(violation.message).toContain('not in the render in namespace openclaw');
  });

  it('reports minReplicas above maxReplicas', () => {
    const [violation, ...rest] = check(hpaTarget, 'hpa-min-above-max');
    expect(rest).toEqual([]);
    expect(violation.path).toBe('/spec/minReplicas');
    expect(violation.message).toContain('for Deployment gateway has minReplicas 6 above maxReplicas 3');
  });
});

describe('hpa-replicas-conflict', () => {
  it('accepts a scaled Deployment that leaves replicas to the HPA', () => {
    expect(check(hpaReplicasConflict, 'hpa-target-without-replicas')).toEqual([]);
  });

  it('reports spec.replicas on the Deployment, naming the HPA', () => {
    const [violation, ...rest] = check(hpaReplicasConflict, 'hpa-target-sets-replicas');
    expect(rest).toEqual([]);
    expect(severityOf(hpaReplicasConflict, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('Deployment gateway');
    expect(violation.path).toBe('/spec/replicas');
    expect(violation.message).toContain('Deployment openclaw/gateway sets replicas: 3');
    expect(violation.message).toContain('HorizontalPodAutoscaler openclaw/gateway scales it (min 2, max 5)');
  });
});

describe('hpa-requests', () => {
  it('accepts a CPU utilization target when every container requests CPU', () => {
    expect(check(hpaRequests, 'hpa-target-requests-cpu')).toEqual([]);
  });

  it('reports each container without the request, on the HPA metric', () => {
    const [violation, ...rest] = check(hpaRequests, 'hpa-container-without-cpu-request');
    expect(rest).toEqual([]);
    expect(severityOf(hpaRequests, violation)).toBe('error');
    expect(reportedOn(violation)).toBe('HorizontalPodAutoscaler gateway');
    expect(violation.path).toBe('/spec/metrics/0');
    expect(violation.container).toBe('gateway');
    expect(violation.message).toBe(
      'HorizontalPodAutoscaler openclaw/gateway targets cpu utilization, but container "gateway" of Deployment openclaw/gateway requests no cpu',
    );
  });

  it('reads a KEDA ScaledObject\'s cpu and memory Utilization triggers as the HPA metrics they become', () => {
    const [violation, ...rest] = check(hpaRequests, 'scaledobject-cpu-without-request');
    expect(rest).toEqual([]);
    expect(reportedOn(violation)).toBe('ScaledObject worker');
    expect(violation.path).toBe('/spec/triggers/1');
    expect(violation.container).toBe('worker');
    expect(violation.message).toContain('targets cpu utilization, but container "worker" of Deployment openclaw/worker requests no cpu');
  });

  it('counts a limit without a request as the request the pod will get', () => {
    expect(check(hpaRequests, 'hpa-container-with-cpu-limit-only')).toEqual([]);
  });

  it('accepts a trigger scoped to a container that requests, and a limit that becomes the request', () => {
    expect(check(hpaRequests, 'scaledobject-requests-or-limits')).toEqual([]);
  });
});
