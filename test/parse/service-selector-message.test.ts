// A Service that selects nothing in a namespace of many workloads: the message stays one readable line.
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { serviceSelector } from '../../scripts/rules/cross/service-selector.ts';
import { contextFor } from '../cross/fixtures.ts';

const labels = Array.from({ length: 12 }, (_, i) => `l${i}: v${i}`).join(', ');
const deployment = (i: number) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w${i}, namespace: apps}\nspec:\n  selector: {matchLabels: {l0: v0}}\n  template:\n    metadata: {labels: {${labels}}}\n    spec: {containers: [{name: c, image: "c:1"}]}\n`;
const service = 'apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: apps}\nspec:\n  selector: {app: nothing}\n  ports: [{port: 80}]\n';

describe('service-selector message size', () => {
  it('names three workloads, eight labels each, and says how many more there are', () => {
    const { resources } = parseResources([service, ...Array.from({ length: 500 }, (_, i) => deployment(i))].join('---\n'), { source: 's', file: 'f.yaml' });
    const [violation, ...rest] = serviceSelector.check(contextFor(resources));
    expect(rest).toEqual([]);
    expect(violation!.message).toContain('Deployment w0 (l0=v0, l1=v1, l2=v2, l3=v3, l4=v4, l5=v5, l6=v6, l7=v7 and 4 more); Deployment w1');
    expect(violation!.message).toMatch(/Deployment w2 \([^)]*\) and 497 more workloads$/);
    expect(violation!.message).not.toContain('Deployment w3 ');
    expect(violation!.message.length).toBeLessThan(400);
  });
});
