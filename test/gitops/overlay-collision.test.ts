import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { RepositoryContext } from '../../scripts/rules/rule.ts';
import { overlayCollision } from '../../scripts/rules/gitops/overlay-collision.ts';
import { FIXTURES, REPOSITORY_ROOT, loadRepository, withGitOpsOf } from './repository.ts';

let colliding: RepositoryContext;
beforeAll(async () => {
  colliding = await loadRepository(join(FIXTURES, 'colliding'));
});

const between = (context: RepositoryContext, ...dirs: string[]): RepositoryContext => ({
  ...context,
  sources: context.sources.filter((checked) => dirs.includes(checked.source.name)),
});

describe('overlay-collision', () => {
  it('accepts a canary with its own names and instance label in the same namespace as prod', async () => {
    expect(overlayCollision.check(await loadRepository(join(FIXTURES, 'valid')))).toEqual([]);
  });

  it('reports every object two overlays in one namespace both render, naming both overlays', () => {
    const violations = overlayCollision.check(between(colliding, 'overlays/copy', 'overlays/prod'));
    const shared = violations.filter((v) => v.path === '/metadata/name');
    expect(shared.map((v) => `${v.resource.object.kind} ${v.resource.object.metadata?.name}`).sort()).toEqual(['Deployment web', 'Namespace shop', 'Service web']);
    expect(shared[0]!.message).toMatch(/rendered by both overlays\/copy \(base\/.*\.yaml:\d+\) and overlays\/prod/);
  });

  it("reports each Service that selects the other overlay's pods, naming both ends", () => {
    const violations = overlayCollision.check(between(colliding, 'overlays/prod', 'overlays/suffixed'));
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringMatching(/^Service shop\/web of overlays\/prod selects the pods of Deployment shop\/web-next of overlays\/suffixed/),
      expect.stringMatching(/^Service shop\/web-next of overlays\/suffixed selects the pods of Deployment shop\/web of overlays\/prod/),
    ]);
    expect(violations.every((v) => v.path === '/spec/selector')).toBe(true);
  });

  it('leaves alone overlays outside the repository\'s overlays/ directory: sources named together are not deployed together', () => {
    // The same overlays seen from the repository root, as when two test fixtures are validated in one run.
    const fromRepositoryRoot = { ...between(colliding, 'overlays/copy', 'overlays/prod'), root: REPOSITORY_ROOT };
    expect(overlayCollision.check(fromRepositoryRoot)).toEqual([]);
  });

  it('compares only the overlays one cluster deploys, when the run includes GitOps objects', () => {
    const violations = overlayCollision.check(withGitOpsOf(colliding, join(FIXTURES, 'colliding-deployed')));
    // overlays/copy renders the same objects as overlays/prod, but Argo CD deploys it, to another cluster.
    expect(violations.map((v) => v.message).join('\n')).not.toContain('overlays/copy');
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringMatching(/^Service shop\/web of overlays\/prod selects the pods of Deployment shop\/web-next of overlays\/suffixed/),
      expect.stringMatching(/^Service shop\/web-next of overlays\/suffixed selects the pods of Deployment shop\/web of overlays\/prod/),
    ]);
  });
});
