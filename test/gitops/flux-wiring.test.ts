import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { fluxWiring } from '../../scripts/rules/gitops/flux-wiring.ts';
import { FIXTURES, loadRepository, summary, withGitOpsOf } from './repository.ts';

let valid: RepositoryContext;
/** What the fixtures' validate.config.yaml asks: their tooling directories stay out of Flux's artifact. */
const TOOLING = { 'flux-wiring': { sourceIgnore: ['node_modules', 'scripts', 'test', 'schemas'] } };
beforeAll(async () => {
  valid = await loadRepository(join(FIXTURES, 'valid'));
});

describe('flux-wiring', () => {
  it('accepts a canary that depends on the Kustomization creating its namespace, and a .sourceignore covering the toolkit', () => {
    expect(fluxWiring.check(valid)).toEqual([]);
  });

  it('reports wait: true together with healthChecks', () => {
    const violations = fluxWiring.check(withGitOpsOf(valid, join(FIXTURES, 'wait-and-healthchecks')));
    expect(summary(violations)).toEqual(['Kustomization shop /spec/wait']);
    expect(violations[0]!.message).toContain('ignores the healthChecks');
  });

  it('reports a dependsOn naming no Kustomization, and the namespace nothing then creates', () => {
    const violations = fluxWiring.check(withGitOpsOf(valid, join(FIXTURES, 'missing-dependency')));
    expect(summary(violations)).toEqual(['Kustomization shop-canary /spec/dependsOn/0/name', 'Kustomization shop-canary /spec/targetNamespace']);
    expect(violations[0]!.message).toContain('flux-system/shop-prod');
  });

  it('reports a canary in a namespace it does not render and does not depend on', () => {
    const violations = fluxWiring.check(withGitOpsOf(valid, join(FIXTURES, 'canary-without-dependency')));
    expect(summary(violations)).toEqual(['Kustomization shop-canary /spec/targetNamespace']);
    expect(violations[0]!.message).toMatch(/namespace shop, which neither overlays\/canary nor a Kustomization it depends on creates/);
  });

  it('says nothing of the namespace of an overlay that does not render', async () => {
    expect(fluxWiring.check(await loadRepository(join(FIXTURES, 'unrenderable')))).toEqual([]);
  });

  it('reports a repository without a root .sourceignore', async () => {
    const violations = fluxWiring.check(await loadRepository(join(FIXTURES, 'no-sourceignore'), { options: TOOLING }));
    expect(summary(violations)).toEqual(['GitRepository shop /spec/url']);
    expect(violations[0]!.message).toContain('no root .sourceignore');
  });

  it('asks nothing of a repository whose configuration names no directory to leave out', async () => {
    expect(fluxWiring.check(await loadRepository(join(FIXTURES, 'no-sourceignore')))).toEqual([]);
  });

  it('names what a .sourceignore leaves in the artifact', async () => {
    const violations = fluxWiring.check(await loadRepository(join(FIXTURES, 'partial-sourceignore'), { options: TOOLING }));
    expect(violations.map((v) => v.message)).toEqual([
      'GitRepository flux-system/shop downloads scripts, schemas with every revision: the root .sourceignore does not exclude them',
    ]);
  });
});
