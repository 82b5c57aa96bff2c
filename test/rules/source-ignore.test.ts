// One gitignore translator (scripts/lib/sources/source-ignore.ts) for both the Flux manifest walk and
// flux-wiring's `sourceIgnore` option, pinned on the pattern forms Flux's docs show: the allow-list (`/*` then
// `!/apps/`), `dir/**`, negation, anchored and unanchored patterns, spec.ignore after the files.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SourceIgnores } from '../../scripts/lib/sources/source-ignore.ts';
import { fluxWiring } from '../../scripts/rules/gitops/flux-wiring.ts';
import { artifactLeavesOut } from '../../scripts/rules/gitops/lib/artifact.ts';
import { loadRepository } from '../gitops/repository.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/source-ignore', import.meta.url));
const TOOLING = { 'flux-wiring': { sourceIgnore: ['scripts', 'schemas'] } };

/** The root .sourceignore `text` (and a GitRepository's spec.ignore), with no listing of the tree. */
const rootIgnores = (text: string, specIgnore?: string) => new SourceIgnores('.', (dir) => (dir === '.' ? text : undefined), specIgnore);
const leftOut = (text: string, names: readonly string[], specIgnore?: string) => names.filter((name) => artifactLeavesOut(rootIgnores(text, specIgnore), undefined, name));

describe('flux-wiring reads .sourceignore with the same translator as the Flux walk', () => {
  it('reports a directory whose `dir/**` is followed by a file taken back: that file is in the artifact', async () => {
    const violations = fluxWiring.check(await loadRepository(`${FIXTURES}/take-back-after-glob`, { options: TOOLING, render: false }));
    expect(violations.map((v) => v.message)).toEqual(['GitRepository flux-system/shop downloads scripts with every revision: the root .sourceignore does not exclude them']);
  });

  it("accepts Flux's allow-list form and `dir/**`", async () => {
    for (const fixture of ['allow-list', 'everything-inside']) {
      expect(fluxWiring.check(await loadRepository(`${FIXTURES}/${fixture}`, { options: TOOLING, render: false }))).toEqual([]);
    }
  });
});

describe('.sourceignore patterns', () => {
  const names = ['node_modules', 'scripts', 'test', 'schemas', 'apps', 'clusters'];

  it("accepts Flux's allow-list: everything excluded, then the deployed directories taken back", () => {
    expect(leftOut('# ship only what the cluster reconciles\n/*\n!/apps/\n!/clusters/\n', names)).toEqual(['node_modules', 'scripts', 'test', 'schemas']);
  });

  it('reads rooted, directory and ** forms, and skips comments', () => {
    expect(leftOut('# c\n/scripts/\n**/test\nnode_modules/**\n!schemas\n', names)).toEqual(['node_modules', 'scripts', 'test']);
  });

  it('reads `dir/**` as everything inside dir, not dir itself, as git does', () => {
    const ignores = rootIgnores('scripts/**\n');
    expect(ignores.excludes('scripts', true)).toBe(false);
    expect(ignores.excludes('scripts/lib/run.ts', false)).toBe(true);
    expect(artifactLeavesOut(ignores, undefined, 'scripts')).toBe(true);
    // Only inside the root's scripts: the pattern has a slash, so it is anchored.
    expect(ignores.excludes('apps/scripts/run.ts', false)).toBe(false);
  });

  it('lets a later negation take a name back and a later pattern exclude it again', () => {
    expect(leftOut('scripts/\n!scripts/\n', ['scripts'])).toEqual([]);
    expect(leftOut('/*\n!/scripts\nscripts/**\n', ['scripts'])).toEqual(['scripts']);
    expect(leftOut('scripts/lib/\n', ['scripts'])).toEqual([]);
    expect(leftOut('scripts/*.ts\n', ['scripts'])).toEqual([]);
  });

  it('cannot take a file back out of an excluded directory', () => {
    const ignores = rootIgnores('/scripts/\n!scripts/namespace.yaml\n');
    expect(ignores.excludesAnyOf('scripts/namespace.yaml', false)).toBe(true);
  });

  it('matches an unanchored pattern at any depth, an anchored one only where it is', () => {
    const ignores = rootIgnores('drafts\n/build/\n');
    expect(['drafts', 'apps/drafts', 'apps/prod/drafts'].map((path) => ignores.excludes(path, true))).toEqual([true, true, true]);
    expect(['build', 'apps/build'].map((path) => ignores.excludes(path, true))).toEqual([true, false]);
  });

  it("applies a GitRepository's spec.ignore after the files, so that it wins", () => {
    expect(leftOut('!/scripts/\n', ['scripts'], '/scripts/\n')).toEqual(['scripts']);
    expect(leftOut('/scripts/\n', ['scripts'], '!/scripts/\n')).toEqual([]);
  });
});
