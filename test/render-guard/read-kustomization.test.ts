// Issue 10, items 2 and 3: the kustomization reader reads what kustomize reads, or refuses; one notion of remote.
import { describe, expect, it } from 'vitest';
import { readKustomization } from '../../scripts/lib/kustomize/read-kustomization.ts';
import { isRemoteReference } from '../../scripts/lib/kustomize/remote.ts';
import { isRemote } from '../../scripts/rules/gitops/lib/remote-refs.ts';

const read = (text: string) => readKustomization(Buffer.from(text));
const refused = (text: string) => read(text).problems.map((problem) => problem.message);

describe('reading a kustomization as kustomize does', () => {
  it('lists every local path with the field and line that names it', () => {
    const { references, problems } = read(
      'resources:\n  - ../base\ncomponents: [../c]\npatches:\n  - path: p.yaml\n  - patch: "{}"\nconfigMapGenerator:\n  - name: g\n    files: [k=cfg/a.json]\n    envs: [.env]\nreplacements:\n  - path: r.yaml\nopenapi: {path: schema.json}\n',
    );
    expect(problems).toEqual([]);
    expect(references.map(({ field, value, line }) => `${field} ${value} ${line}`)).toEqual([
      'resources[0] ../base 2',
      'components[0] ../c 3',
      'patches[0].path p.yaml 5',
      'configMapGenerator[0].files[0] cfg/a.json 9',
      'configMapGenerator[0].envs[0] .env 10',
      'replacements[0].path r.yaml 12',
      'openapi.path schema.json 13',
    ]);
  });

  it('refuses field names kustomize would read case-insensitively, at every level that names paths', () => {
    expect(refused('Resources: [../../outside]\n')).toEqual([expect.stringContaining('kustomize would read it as "resources"')]);
    expect(refused('RESOURCES: [../../outside]\n')).toEqual([expect.stringContaining('kustomize would read it as "resources"')]);
    expect(refused('patches:\n  - Path: ../../outside.yaml\n')).toEqual([expect.stringContaining('patches[0] with the field "Path"')]);
    expect(refused('secretGenerator:\n  - name: s\n    Envs: [../../x]\n')).toEqual([expect.stringContaining('"Envs"')]);
  });

  it('refuses duplicate keys, a second document, many aliases and merge keys', () => {
    expect(refused('resources: [a]\nresources: [../../outside]\n')).toEqual([expect.stringMatching(/not YAML kustomize reads the same way/)]);
    expect(refused('resources: [a]\n---\nresources: [../../outside]\n')).toEqual(['holds 2 YAML documents; kustomize reads a kustomization as one']);
    expect(refused(`resources: [&a x]\ncomponents: [${Array(17).fill('*a').join(', ')}]\n`)).toEqual(['uses more than 16 YAML aliases']);
    expect(refused('patches:\n  - &p {path: a.yaml}\n  - <<: *p\n    target: {kind: X}\n')).toEqual(['uses a `<<` merge key']);
    expect(readKustomization(Uint8Array.from([0x72, 0x3a, 0x20, 0xff, 0x0a])).problems.map((p) => p.message)).toEqual(['is not valid UTF-8']);
  });

  it('refuses what runs code, and entries that are not strings', () => {
    expect(refused('helmCharts:\n  - name: x\n')).toEqual([expect.stringContaining('runs the helm program')]);
    expect(refused('transformers: [t.yaml]\n')).toEqual([expect.stringContaining('which run code')]);
    expect(refused('generators: []\nresources: [a]\n')).toEqual([]);
    // YAML 1.1, as kustomize reads it: `yes` is a boolean, `017` a number.
    expect(refused('resources: [yes, 017]\n')).toEqual(['has resources[0] that is not a string', 'has resources[1] that is not a string']);
  });
});

describe('what counts as remote', () => {
  const remote = [
    'https://github.com/org/repo//base?ref=v1',
    'http://127.0.0.1:8080/x.yaml',
    'file:///tmp/outside',
    'git::file:///tmp/outside',
    'git::https://example.com/repo.git',
    's3::https://bucket/x',
    'ssh://git@example.com/repo.git',
    'git@github.com:org/repo.git//base',
    'github.com/org/repo/base',
    'gitlab.com/org/repo',
    'example.com/org/repo.git',
    'example.com/org/repo?ref=main',
    'dev.azure.com/org/_git/repo',
  ];
  const local = ['../../base', 'base', './deployment.yaml', 'components/ingress', 'a//b', 'c@d/e.yaml'];
  it.each(remote)('%s is remote, for the render guard and the remote-resource rule alike', (entry) => {
    expect(isRemoteReference(entry)).toBe(true);
    expect(isRemote(entry)).toBe(true);
  });
  it.each(local)('%s is local', (entry) => {
    expect(isRemoteReference(entry)).toBe(false);
  });
});
