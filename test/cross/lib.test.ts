import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../scripts/rules/resource-index.ts';
import { NO_EXTERNAL_OBJECTS } from '../../scripts/rules/rule.ts';
import { crossRules } from '../../scripts/rules/cross/index.ts';
import { parseIntOrPercent, scaled } from '../../scripts/rules/cross/lib/int-or-percent.ts';
import { labelSelector, mapSelector, matches } from '../../scripts/rules/cross/lib/selectors.ts';

describe('label selectors', () => {
  const pod = { app: 'gateway', tier: 'web' };

  it('matches a Service map selector that is a subset of the labels', () => {
    expect(matches(mapSelector({ app: 'gateway' }), pod)).toBe(true);
    expect(matches(mapSelector({ app: 'gateway', tier: 'db' }), pod)).toBe(false);
  });

  it('evaluates In, NotIn, Exists and DoesNotExist', () => {
    const expression = (operator: string, values?: string[]) => labelSelector({ matchExpressions: [{ key: 'tier', operator, values }] });
    expect(matches(expression('In', ['web', 'api']), pod)).toBe(true);
    expect(matches(expression('In', ['db']), pod)).toBe(false);
    expect(matches(expression('NotIn', ['web']), pod)).toBe(false);
    expect(matches(expression('NotIn', ['db']), { app: 'x' })).toBe(true);
    expect(matches(expression('Exists'), pod)).toBe(true);
    expect(matches(expression('DoesNotExist'), pod)).toBe(false);
  });

  it('never matches through an operator it does not know', () => {
    expect(matches(labelSelector({ matchExpressions: [{ key: 'tier', operator: 'Like' }] }), pod)).toBe(false);
  });
});

describe('int-or-percent', () => {
  it('rounds percentages the direction asked', () => {
    const quarter = parseIntOrPercent('25%')!;
    expect(scaled(quarter, 1, true)).toBe(1);
    expect(scaled(quarter, 1, false)).toBe(0);
    expect(scaled(parseIntOrPercent(2)!, 10, true)).toBe(2);
    expect(parseIntOrPercent('a lot')).toBeUndefined();
  });
});

describe('crossRules', () => {
  it('have unique kebab-case ids and complete metadata', () => {
    const ids = crossRules.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of crossRules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(20);
      expect(rule.fix).toMatch(/\.$/);
      expect(rule.kinds.length).toBeGreaterThan(0);
    }
  });

  it('return nothing for an empty render', () => {
    const resources: never[] = [];
    const context = { source: 'empty', resources, index: buildIndex([]), settings: { production: false, options: {}, external: NO_EXTERNAL_OBJECTS } };
    expect(crossRules.flatMap((rule) => rule.check(context))).toEqual([]);
  });
});
