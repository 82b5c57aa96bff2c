// Doubling the input must roughly double every rule's work. Work is counted, not timed: each resource is
// wrapped in a proxy that counts every property read, and a rule's reads over 2N resources are compared with
// its reads over N. A rule that compares every resource with every other (the quadratic cross rules of issue
// 13) reads four times as much; one that goes through the index reads twice as much.
import { beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, Resource } from '../../scripts/lib/model.ts';
import { defaultRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { rules } from '../../scripts/rules/registry.ts';
import type { Rule } from '../../scripts/rules/rule.ts';
import { repositoryOverlay } from '../helpers/overlay-renders.ts';

const COPIES = 8;
/** Twice the input: a linear rule reads 2× (a little more with fixed costs), a quadratic one 4× (less with them). */
const QUADRATIC = 2.5;

/** `object` behind proxies that count every property read, at any depth; one proxy per object. */
function counted<T extends object>(object: T, reads: { count: number }, proxies = new WeakMap<object, object>()): T {
  const known = proxies.get(object);
  if (known) return known as T;
  const proxy = new Proxy(object, {
    get(target, key, receiver) {
      reads.count++;
      const value: unknown = Reflect.get(target, key, receiver);
      return value !== null && typeof value === 'object' ? counted(value, reads, proxies) : value;
    },
  });
  proxies.set(object, proxy);
  return proxy;
}

/** `copies` copies of a render, each in a namespace of its own (cluster-scoped objects renamed), as teams would add them. */
function teams(objects: readonly KubeObject[], copies: number): KubeObject[] {
  return Array.from({ length: copies }, (_, team) =>
    objects.map((original) => {
      const copy = structuredClone(original);
      const metadata = (copy.metadata ??= {});
      if (metadata.namespace) metadata.namespace = `team-${team}`;
      else metadata.name = `${metadata.name}-team-${team}`;
      return copy;
    }),
  ).flat();
}

function readsOf(rule: Rule, objects: readonly KubeObject[]): number {
  const reads = { count: 0 };
  const resources: Resource[] = objects.map((object) => ({ object: counted(structuredClone(object), reads), source: 'scale', file: 'scale.yaml', line: 1, locate: () => undefined }));
  reads.count = 0;
  evaluateRules(resources, { source: 'scale', config: defaultRuleConfig, rules: [rule] });
  return reads.count;
}

/** What the test must catch: every Service compared with every Deployment, whatever their namespaces. */
const everyPair: Rule = {
  id: 'every-pair',
  severity: 'warning',
  description: 'a quadratic rule, for the test',
  fix: 'none',
  kinds: ['Service', 'Deployment'],
  check: (context) =>
    context.resources.flatMap((service) =>
      context.resources.filter((other) => other.object.kind === 'Deployment' && other.object.metadata?.name === service.object.metadata?.name && service.object.kind === 'Service').map(() => ({ resource: service, path: '', message: 'pair' })),
    ),
};

describe('every rule does work in proportion to the resources it checks', () => {
  let render: KubeObject[] = [];
  beforeAll(() => {
    // overlays/prod as the run rendered it once (test/helpers/overlay-renders.ts).
    render = repositoryOverlay('overlays/prod').objects;
  });

  it('reads about twice as much of twice the input, rule by rule', () => {
    const single = teams(render, COPIES);
    const double = teams(render, 2 * COPIES);
    const ratios = rules.map((rule) => ({ rule: rule.id, single: readsOf(rule, single), double: readsOf(rule, double) }));
    // Rules that read nothing of this render (their kinds are absent) cannot be judged here.
    const judged = ratios.filter((entry) => entry.single > 0);
    expect(judged.length).toBeGreaterThan(rules.length / 2);
    const quadratic = judged.filter((entry) => entry.double / entry.single > QUADRATIC).map((entry) => `${entry.rule}: ${entry.single} → ${entry.double} reads`);
    expect(quadratic).toEqual([]);
    const steepest = [...judged].sort((a, b) => b.double / b.single - a.double / a.single).slice(0, 3);
    console.info(`steepest: ${steepest.map((entry) => `${entry.rule} ×${(entry.double / entry.single).toFixed(2)}`).join(', ')}`);
  });

  it('would catch a rule that compares every resource with every other', () => {
    const single = readsOf(everyPair, teams(render, COPIES));
    expect(readsOf(everyPair, teams(render, 2 * COPIES)) / single).toBeGreaterThan(QUADRATIC);
  });
});
