// Default discovery follows the GitOps graph: run from the root of a repository with no path, validate checks
// its default places and every directory their Flux Kustomizations and Argo CD Applications reconcile, and
// says which object led it to each (the reference layouts, run whole: reference-layouts.test.ts).
import { mkdirSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KustomizationReads } from '../../scripts/lib/kustomize/kustomization-reads.ts';
import { MAX_KUSTOMIZATION_BYTES } from '../../scripts/lib/kustomize/read-kustomization.ts';
import { readRepositoryFiles } from '../../scripts/lib/repository-files.ts';
import type { JsonFinding } from '../../scripts/lib/report/json.ts';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { compileIgnorePattern, SourceIgnores } from '../../scripts/lib/sources/source-ignore.ts';
import { runValidate } from '../helpers/cli.ts';
import { checkedSources } from './progress-lines.ts';

function repository(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'gitops-discovery-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const fluxKustomization = (name: string, path: string) =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n  name: ${name}\n  namespace: flux-system\nspec:\n  interval: 10m\n  sourceRef:\n    kind: GitRepository\n    name: flux-system\n  path: ${path}\n  prune: true\n`;
const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n  namespace: apps\ndata:\n  key: value\n`;

describe('default discovery follows the GitOps graph', () => {
  it('follows transitively, and leaves missing paths and paths out of the root to gitops-path', async () => {
    const root = repository({
      'clusters/prod/apps.yaml': [fluxKustomization('apps', './apps/prod'), fluxKustomization('gone', './nowhere'), fluxKustomization('out', '../elsewhere')].join('---\n'),
      // apps/prod is a plain directory: it holds the next Kustomization, which leads on to tenants/team-a.
      'apps/prod/tenants.yaml': fluxKustomization('tenants', './tenants/team-a'),
      'apps/prod/config.yaml': configMap('apps'),
      'tenants/team-a/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - config.yaml\n',
      'tenants/team-a/config.yaml': configMap('team-a'),
      'tenants/unreferenced/config.yaml': 'this: is not checked\n',
    });
    const result = await runValidate(['--root', '.', '--profile', 'all', '--format', 'json'], { cwd: root });
    expect(checkedSources(result.stderr)).toEqual(['apps/prod <- reconciled by Kustomization flux-system/apps', 'clusters/prod', 'tenants/team-a <- reconciled by Kustomization flux-system/tenants']);
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.filter((f) => f.rule === 'gitops-path').map((f) => `${f.file} ${f.resource?.name}`)).toEqual(['clusters/prod/apps.yaml gone', 'clusters/prod/apps.yaml out']);
    expect(result.exitCode).toBe(1);
  });

  it('reports a Kustomization whose directory .sourceignore leaves out of the artifact, and does not read it', async () => {
    const root = repository({
      'clusters/prod/apps.yaml': [fluxKustomization('apps', './apps/prod'), fluxKustomization('drafts', './apps/drafts/next')].join('---\n'),
      'apps/prod/config.yaml': configMap('apps'),
      'apps/.sourceignore': 'drafts/\n',
      'apps/drafts/next/config.yaml': 'not: a manifest\n',
    });
    const result = await runValidate(['--root', '.', '--profile', 'all', '--format', 'json'], { cwd: root });
    expect(checkedSources(result.stderr)).toEqual(['apps/prod <- reconciled by Kustomization flux-system/apps', 'clusters/prod']);
    const findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
    expect(findings.map((f) => `${f.rule} ${f.resource?.name} ${f.message}`)).toEqual([
      'gitops-path drafts Kustomization flux-system/drafts path "./apps/drafts/next" is left out of the artifact by apps/.sourceignore: the controller fails to build it',
    ]);
  });

  it('takes a top-level directory of GitOps objects as a start, but not a Helm chart or plain manifests', () => {
    const root = repository({
      'bootstrap/root.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: root\n',
      'chart/Chart.yaml': 'apiVersion: v2\nname: chart\nversion: 1.0.0\n',
      'chart/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: templated\n',
      'plain/config.yaml': configMap('plain'),
      // kustomize's own Kustomization is no GitOps object.
      'base/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n',
      'deep/er/app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: deeper\n',
    });
    const { sources, findings } = discoverRepository(root);
    expect(sources.map(({ name, kind, discoveredBy }) => ({ name, kind, discoveredBy }))).toEqual([
      { name: 'bootstrap', kind: 'manifests', discoveredBy: 'holds an Argo CD Application (bootstrap/root.yaml)' },
    ]);
    expect(findings).toEqual([]);
  });
});

describe('.sourceignore files, as Flux reads them in every directory', () => {
  const ignores = () =>
    new SourceIgnores(
      repository({
        // Flux's allow-list form at the root: everything out, then two directories back in.
        '.sourceignore': '/*\n!/apps/\n!/deploy/\n',
        'deploy/.sourceignore': '# chart tests\ntests/\n*.md\n',
        'deploy/helm/.sourceignore': '!README.md\n',
      }),
    );

  it('applies a file to its own directory, the last matching pattern winning and deeper files after shallower', () => {
    const matcher = ignores();
    expect(matcher.excludes('docs', true)).toBe(true);
    expect(matcher.excludes('apps', true)).toBe(false);
    expect(matcher.excludes('deploy/tests', true)).toBe(true);
    expect(matcher.excludes('deploy/helm/tests', true)).toBe(true);
    // A directory-only pattern leaves a file of that name alone.
    expect(matcher.excludes('deploy/tests', false)).toBe(false);
    expect(matcher.excludes('deploy/NOTES.md', false)).toBe(true);
    expect(matcher.excludes('deploy/helm/README.md', false)).toBe(false);
    // A pattern of deploy/.sourceignore says nothing about a directory outside deploy/.
    expect(matcher.excludes('apps/tests', true)).toBe(false);
  });

  it('excludes everything below an excluded directory', () => {
    const matcher = ignores();
    expect(matcher.excludesAnyOf('deploy/tests/values', true)).toBe(true);
    expect(matcher.excludesAnyOf('docs/guide', true)).toBe(true);
    expect(matcher.excludesAnyOf('deploy/helm', true)).toBe(false);
  });

  it('compiles gitignore patterns: anchored, at any depth, ** and escapes', () => {
    const matches = (pattern: string, path: string) => compileIgnorePattern(pattern)!.regex.test(path);
    expect(matches('/build', 'build')).toBe(true);
    expect(matches('/build', 'src/build')).toBe(false);
    expect(matches('build', 'src/build')).toBe(true);
    expect(matches('docs/*.md', 'docs/a.md')).toBe(true);
    expect(matches('docs/*.md', 'docs/x/a.md')).toBe(false);
    expect(matches('**/fixtures', 'test/unit/fixtures')).toBe(true);
    expect(matches('test/**', 'test/unit/a.yaml')).toBe(true);
    expect(matches('a/**/b', 'a/b')).toBe(true);
    expect(matches('a/**/b', 'a/x/y/b')).toBe(true);
    expect(matches('\\#notes', '#notes')).toBe(true);
    expect(compileIgnorePattern('# a comment')).toBeUndefined();
  });
});

describe('one reader of kustomization files per run', () => {
  it("lists the repository's kustomization files through the render guard's reader, bounded as before", () => {
    const root = repository({
      'apps/prod/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../base\n',
      'apps/base/kustomization.yaml': 'resources:\n  - config.yaml\n',
      'apps/base/config.yaml': configMap('base'),
      // Over the bound: neither reader takes it.
      'huge/kustomization.yaml': `resources: []\n#${'x'.repeat(MAX_KUSTOMIZATION_BYTES)}\n`,
    });
    const reads = new KustomizationReads();
    const seen: string[] = [];
    const read = reads.read.bind(reads);
    reads.read = (real) => (seen.push(real), read(real));
    const through = readRepositoryFiles(root, reads);
    expect([...through.kustomizations.keys()].sort()).toEqual(['apps/base/kustomization.yaml', 'apps/prod/kustomization.yaml']);
    expect(through.kustomizations).toEqual(readRepositoryFiles(root).kustomizations);
    expect(seen.map((file) => file.slice(realpathSync(root).length + 1)).sort()).toEqual(['apps/base/kustomization.yaml', 'apps/prod/kustomization.yaml']);
  });
});
