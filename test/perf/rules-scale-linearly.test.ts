// Doubling the input must roughly double every rule's work. Work is counted, not timed: each resource is
// wrapped in a proxy that counts every property read, and a rule's reads over 2N resources are compared with
// its reads over N. A rule that compares every resource with every other (the quadratic cross rules of issue
// 13) reads four times as much; one that goes through the index reads twice as much. The proxies also drop
// and report any write, so every rule sees the same objects and none may change them (rules are pure).
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

/** What a rule did to the resources it was given: property reads, and writes (which a pure rule never makes). */
interface Access {
  reads: number;
  writes: string[];
}

/**
 * `object` behind proxies that count every property read, at any depth; one proxy per object. A write is
 * recorded and dropped, so the objects are the same for every rule without a copy for each.
 */
function counted<T extends object>(object: T, access: Access, proxies = new WeakMap<object, object>()): T {
  const known = proxies.get(object);
  if (known) return known as T;
  const refuse = (_target: object, key: string | symbol) => {
    access.writes.push(String(key));
    return true;
  };
  const proxy = new Proxy<T>(object, {
    get(target, key, receiver) {
      access.reads++;
      const value: unknown = Reflect.get(target, key, receiver);
      return value !== null && typeof value === 'object' ? counted(value, access, proxies) : value;
    },
    set: refuse,
    deleteProperty: refuse,
    defineProperty: refuse,
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

function accessOf(rule: Rule, objects: readonly KubeObject[]): Access {
  const access: Access = { reads: 0, writes: [] };
  const resources: Resource[] = objects.map((object) => ({ object: counted(object, access), source: 'scale', file: 'scale.yaml', line: 1, locate: () => undefined }));
  access.reads = 0;
  evaluateRules(resources, { source: 'scale', config: defaultRuleConfig, rules: [rule] });
  return access;
}

const readsOf = (rule: Rule, objects: readonly KubeObject[]): number => accessOf(rule, objects).reads;

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
    const written: string[] = [];
    const ratios = rules.map((rule) => {
      const [once, twice] = [accessOf(rule, single), accessOf(rule, double)];
      if (once.writes.length + twice.writes.length > 0) written.push(`${rule.id} wrote ${[...once.writes, ...twice.writes].slice(0, 3).join(', ')}`);
      return { rule: rule.id, single: once.reads, double: twice.reads };
    });
    // Rules are pure functions of the model: none writes to a resource (each write was dropped above).
    expect(written).toEqual([]);
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
