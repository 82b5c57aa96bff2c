import { describe, expect, it } from 'vitest';
import { removalOf } from '../../scripts/lib/check/deprecated-apis.ts';

describe('removed API versions', () => {
  it.each([
    ['extensions/v1beta1', 'Ingress', '1.22', 'networking.k8s.io/v1'],
    ['policy/v1beta1', 'PodDisruptionBudget', '1.25', 'policy/v1'],
    ['autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26', 'autoscaling/v2'],
    ['batch/v1beta1', 'CronJob', '1.25', 'batch/v1'],
  ])('%s %s is removed in %s', (apiVersion, kind, removedIn, replacement) => {
    expect(removalOf(apiVersion, kind, '1.36.0')).toEqual(expect.objectContaining({ removedIn, replacement }));
  });

  it('depends on the target version', () => {
    expect(removalOf('autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.25.0')).toBeUndefined();
    expect(removalOf('autoscaling/v2beta2', 'HorizontalPodAutoscaler', '1.26.0')).toBeDefined();
  });

  it('leaves current APIs alone', () => {
    expect(removalOf('networking.k8s.io/v1', 'Ingress', '1.36.0')).toBeUndefined();
    expect(removalOf('apps/v1', 'Deployment', '1.36.0')).toBeUndefined();
  });
});
