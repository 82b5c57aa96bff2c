// The GitOps graph as pure data: GitOps objects and a repository listing in, reconcilers and clusters out,
// without a file on disk.
import { describe, expect, it } from 'vitest';
import type { RepositoryDirectory, RepositoryFiles } from '../../scripts/lib/repository-files.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { settingsForOptions } from '../../scripts/rules/config.ts';
import { buildGitOpsGraph } from '../../scripts/rules/gitops/graph/build.ts';
import type { GitOpsGraph } from '../../scripts/rules/gitops/graph/model.ts';
import { gitopsPath } from '../../scripts/rules/gitops/gitops-path.ts';
import type { CheckedSource, RepositoryContext } from '../../scripts/rules/rule.ts';

/** A listing of the given directories (each with its kustomization text, if any). */
function listing(dirs: Record<string, string | undefined>): RepositoryFiles {
  const directories = new Map<string, RepositoryDirectory>();
  const kustomizations = new Map<string, string>();
  const entry = (dir: string) => {
    let listed = directories.get(dir) as { subdirectories: string[]; files: string[] } | undefined;
    if (!listed) {
      listed = { subdirectories: [], files: [] };
      directories.set(dir, listed);
      if (dir !== '.') {
        const parent = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '.';
        entry(parent).subdirectories.push(dir.slice(dir.lastIndexOf('/') + 1));
      }
    }
    return listed;
  };
  entry('.');
  for (const [dir, kustomization] of Object.entries(dirs)) {
    const listed = entry(dir);
    if (kustomization === undefined) continue;
    listed.files.push('kustomization.yaml');
    kustomizations.set(`${dir}/kustomization.yaml`, kustomization);
  }
  return { directories, kustomizations, hasSourceIgnore: false, truncated: false };
}

function manifests(files: Record<string, string>): CheckedSource[] {
  return Object.entries(files).map(([file, text]) => ({
    source: { kind: 'manifests', name: file, path: `/repo/${file}` },
    resources: parseResources(text, { source: file, file }).resources,
    loadFindings: [],
  }));
}

const graphOf = (sources: CheckedSource[], files: RepositoryFiles): GitOpsGraph => buildGitOpsGraph(sources, files, settingsForOptions({}), '/repo');

const kustomization = (name: string, path: string, extra = '') =>
  `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec:\n  path: ${path}\n  sourceRef: {kind: GitRepository, name: flux-system}${extra}\n---\n`;

describe('the GitOps graph', () => {
  it('fills an ApplicationSet list generator into its template, and checks each path', () => {
    const sources = manifests({
      'argocd/envs.yaml': [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: ApplicationSet',
        'metadata: {name: envs, namespace: argocd}',
        'spec:',
        '  generators:',
        '    - list:',
        '        elements: [{env: dev}, {env: prod}]',
        '  template:',
        '    metadata: {name: "app-{{env}}"}',
        '    spec:',
        '      project: app',
        '      source: {repoURL: "https://example.com/app.git", targetRevision: main, path: "envs/{{env}}"}',
        '      destination: {server: "https://kubernetes.default.svc", namespace: "app-{{env}}"}',
      ].join('\n'),
    });
    const files = listing({ argocd: undefined, 'envs/dev': 'resources: []\n' });
    const graph = graphOf(sources, files);
    expect(graph.reconcilers.map((r) => r.dirs)).toEqual([['envs/dev'], ['envs/prod']]);
    const context: RepositoryContext = { root: '/repo', sources, settings: settingsForOptions({}), files, gitops: graph };
    expect(gitopsPath.check(context).map((v) => v.message)).toEqual([expect.stringContaining('(looked for envs/prod/)')]);
  });

  it('reads the git directories of a matrix generator', () => {
    const sources = manifests({
      'argocd/apps.yaml': [
        'apiVersion: argoproj.io/v1alpha1',
        'kind: ApplicationSet',
        'metadata: {name: apps, namespace: argocd}',
        'spec:',
        '  generators:',
        '    - matrix:',
        '        generators:',
        '          - git: {repoURL: "https://example.com/app.git", revision: main, directories: [{path: "apps/*"}]}',
        '          - list: {elements: [{cluster: east}]}',
        '  template:',
        '    metadata: {name: "{{.path.basename}}-{{.cluster}}"}',
        '    spec:',
        '      project: app',
        '      source: {repoURL: "https://example.com/app.git", targetRevision: main, path: "{{.path.path}}"}',
        '      destination: {name: "{{.cluster}}", namespace: apps}',
      ].join('\n'),
    });
    const graph = graphOf(sources, listing({ argocd: undefined, 'apps/a': undefined, 'apps/b': undefined }));
    const git = graph.reconcilers.find((r) => r.pattern);
    expect(git?.dirs).toEqual(['apps/a', 'apps/b']);
    expect(git?.pointer).toBe('/spec/generators/0/matrix/generators/0/git/directories/0/path');
  });

  it('groups bootstrap Kustomizations into one cluster each, named by the directory they apply', () => {
    const sources = manifests({
      'clusters/a/flux-system/gotk-sync.yaml': kustomization('flux-system', './clusters/a'),
      'clusters/a/apps.yaml': kustomization('apps', './apps/a'),
      'clusters/b/flux-system/gotk-sync.yaml': kustomization('flux-system', './clusters/b'),
      'clusters/b/apps.yaml': kustomization('apps', './apps/b'),
    });
    const files = listing({ 'clusters/a/flux-system': undefined, 'clusters/b/flux-system': undefined, 'apps/a': 'resources: []\n', 'apps/b': 'resources: []\n' });
    expect(graphOf(sources, files).clusters.map((c) => [c.name, [...c.deployed].sort()])).toEqual([
      ['clusters/a', ['apps/a', 'clusters/a']],
      ['clusters/b', ['apps/b', 'clusters/b']],
    ]);
  });

  it('leaves a path that postBuild.substituteFrom fills in unresolved, and substitutes literal values', () => {
    const sources = manifests({
      'clusters/a/flux-system/gotk-sync.yaml': kustomization('flux-system', './clusters/a', '\n  postBuild:\n    substitute: {env: a}\n    substituteFrom: [{kind: ConfigMap, name: vars}]'),
      'clusters/a/apps.yaml': kustomization('apps', './apps/${env}') + kustomization('extra', './extra/${region}'),
    });
    const graph = graphOf(sources, listing({ 'clusters/a/flux-system': undefined, 'apps/a': 'resources: []\n' }));
    const byName = Object.fromEntries(graph.reconcilers.map((r) => [String(r.resource.object.metadata?.name), r]));
    expect(byName.apps?.dirs).toEqual(['apps/a']);
    expect(byName.extra?.origin).toEqual({ in: 'unresolved', what: 'a value postBuild.substituteFrom of Kustomization flux-system/flux-system sets' });
  });
});

describe('Argo CD clusters keyed by their root Application (app of apps)', () => {
  const application = (name: string, path: string) =>
    `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: ${name}, namespace: argocd}\nspec:\n  project: default\n  source: {repoURL: 'https://github.com/example-org/apps.git', path: ${path}}\n  destination: {server: 'https://kubernetes.default.svc', namespace: ${name}}\n`;
  const clusters = (graph: GitOpsGraph) => graph.clusters.map((cluster) => [cluster.name, [...cluster.deployed].sort()]);

  it('makes one cluster per root, each with the Applications of its own directory', () => {
    const files = listing({ bootstrap: undefined, 'apps/staging': undefined, 'apps/production': undefined, guestbook: undefined, 'envs/staging': '', 'envs/production': '' });
    const graph = graphOf(
      manifests({
        'bootstrap/staging.yaml': application('staging-root', 'apps/staging'),
        'bootstrap/production.yaml': application('production-root', 'apps/production'),
        'apps/staging/guestbook.yaml': application('guestbook-staging', 'envs/staging'),
        'apps/production/guestbook.yaml': application('guestbook-production', 'envs/production'),
      }),
      files,
    );
    expect(clusters(graph)).toEqual([
      ['Application argocd/staging-root', ['apps/staging', 'envs/staging']],
      ['Application argocd/production-root', ['apps/production', 'envs/production']],
    ]);
  });

  it('names a root that manages itself (its directory holds its own file) by that directory', () => {
    const graph = graphOf(
      manifests({ 'apps/root.yaml': application('root', 'apps'), 'apps/guestbook.yaml': application('guestbook', 'guestbook') }),
      listing({ apps: undefined, guestbook: undefined }),
    );
    expect(clusters(graph)).toEqual([['apps', ['apps', 'guestbook']]]);
  });

  it('groups Applications applied by hand (no root committed) by their directory', () => {
    const graph = graphOf(
      manifests({ 'appsets/guestbook.yaml': application('guestbook', 'guestbook'), 'appsets/redis.yaml': application('redis', 'redis') }),
      listing({ appsets: undefined, guestbook: undefined, redis: undefined }),
    );
    expect(clusters(graph)).toEqual([['appsets', ['guestbook', 'redis']]]);
  });
});
