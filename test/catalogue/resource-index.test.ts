// One resource index: lookups by kind and name with one namespace reading, relations built on first use,
// and derived values cached on the index (so on the run), never in module state.
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { configReferences } from '../../scripts/rules/cross/lib/references.ts';
import { buildIndex } from '../../scripts/rules/resource-index.ts';

const YAML = `
apiVersion: v1
kind: ServiceAccount
metadata: {name: web}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: web, namespace: shop}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: app
          image: app:1
          envFrom: [{configMapRef: {name: settings}}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

const resources = () => parseResources(YAML, { source: 'overlays/dev', file: 'manifest.yaml' }).resources;

describe('the resource index', () => {
  it('finds by kind, name and namespace, a resource without a namespace only by a lookup without one', () => {
    const index = buildIndex(resources());
    expect(index.find('ServiceAccount', 'web', 'shop')?.object.metadata?.namespace).toBe('shop');
    expect(index.find('ServiceAccount', 'web', undefined)?.object.metadata?.namespace).toBeUndefined();
    expect(index.find('ServiceAccount', 'web', 'other')).toBeUndefined();
  });

  it('joins workloads and Services in the same index', () => {
    const index = buildIndex(resources());
    expect(index.workloads.map((workload) => workload.name)).toEqual(['web']);
    expect(index.servicesSelecting(index.workloads[0]!).map((service) => service.name)).toEqual(['web']);
  });

  it('keeps derived values on the index: the same index answers from its cache, a new one computes afresh', () => {
    const first = buildIndex(resources());
    let computed = 0;
    const count = () => ++computed;
    expect(first.memo('probe', count)).toBe(1);
    expect(first.memo('probe', count)).toBe(1);
    expect(buildIndex(resources()).memo('probe', count)).toBe(2);
    expect(configReferences({ index: first })).toBe(configReferences({ index: first }));
    expect(configReferences({ index: first }).map((ref) => ref.name)).toEqual(['settings']);
  });
});
