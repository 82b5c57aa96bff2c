// Rules that read files of their own (kustomization files, .sourceignore, ApplicationSet directories, the
// app-config schemas) get them from a hostile pull request: links out of the repository and to /dev/zero.
// Nothing outside may appear in any finding or error, and nothing may crash or hang the run.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAppSchemas } from '../../scripts/lib/app-config/load.ts';
import type { Report } from '../../scripts/lib/model.ts';
import { runPipeline } from '../../scripts/lib/pipeline.ts';
import { resolveKustomize } from '../../scripts/lib/render/kustomize-binary.ts';
import { discoverRepository } from '../../scripts/lib/sources/discover.ts';
import { createValidation } from '../../scripts/lib/validation.ts';
import { fluxWiring } from '../../scripts/rules/gitops/flux-wiring.ts';
import { gitopsCoverage } from '../../scripts/rules/gitops/gitops-coverage.ts';
import { readRepositoryFiles } from '../../scripts/lib/repository-files.ts';
import { expand } from '../../scripts/rules/gitops/graph/argocd.ts';
import { remoteResource } from '../../scripts/rules/gitops/remote-resource.ts';
import { loadRepository } from '../gitops/repository.ts';

const MARKER = 'SECRET-OUTSIDE-CONTENT';
const MARKER_DIR = 'SECRET-OUTSIDE-DIR';

let scratch: string;
let outside: string;
let root: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'openclaw-rule-reads-'));
  outside = join(scratch, 'outside');
  // What lies next to the checkout: a kustomization naming the marker, a directory named like it, files with it.
  write(join(outside, 'base', 'kustomization.yaml'), `resources:\n  - https://example.com/${MARKER}.yaml\n`);
  mkdirSync(join(outside, MARKER_DIR));
  write(join(outside, 'ignore-everything'), `# ${MARKER}\n/*\n`);
  write(join(outside, 'schema.json'), `{"${MARKER}": true}`);

  root = join(scratch, 'repo');
  // The repository asks Flux's artifact to leave its tooling out, so the .sourceignore is read.
  write(join(root, 'validate.config.yaml'), 'options:\n  flux-wiring:\n    sourceIgnore: [scripts]\n');
  write(join(root, 'scripts', 'check.sh'), 'true\n');
  write(join(root, 'overlays', 'app', 'kustomization.yaml'), 'resources:\n  - link\n');
  symlinkSync(join(outside, 'base'), join(root, 'overlays', 'app', 'link'));
  mkdirSync(join(root, 'overlays', 'zero'));
  symlinkSync('/dev/zero', join(root, 'overlays', 'zero', 'kustomization.yaml'));
  symlinkSync('/dev/zero', join(root, '.sourceignore'));
  symlinkSync(outside, join(root, 'evil'));
  write(
    join(root, 'flux', 'source.yaml'),
    'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: shop\n  namespace: flux-system\nspec:\n  interval: 1m\n  url: https://example.com/acme/shop.git\n  ref:\n    branch: main\n',
  );
  write(
    join(root, 'argocd', 'appset.yaml'),
    [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: ApplicationSet',
      'metadata: { name: shop, namespace: argocd }',
      'spec:',
      '  generators:',
      '    - git: { repoURL: "https://example.com/acme/shop.git", revision: main, directories: [{ path: "evil/*" }] }',
      '  template:',
      '    metadata: { name: "shop-{{path.basename}}" }',
      '    spec:',
      '      project: default',
      '      source: { repoURL: "https://example.com/acme/shop.git", targetRevision: main, path: "{{path}}" }',
      '      destination: { server: "https://kubernetes.default.svc", namespace: shop }',
      '',
    ].join('\n'),
  );
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('kustomization files read by the GitOps rules', () => {
  it('a whole validate run over links out of the repository and to /dev/zero finishes, and quotes nothing outside', async () => {
    const discovery = discoverRepository(root);
    // Every check: the GitOps rules must run over the links (the default profile leaves them out).
    const validation = createValidation({ root, ignoreMissingSchemas: true, schemaCache: false, profile: 'all' });
    const report: Report = await runPipeline(discovery.sources, validation.pipelineOptions({ binary: await resolveKustomize() }), discovery.findings);
    // The attack reached the rules: the linked overlay was refused, and the GitOps rules ran over the rest.
    expect(report.findings.some((finding) => finding.source === 'overlays/app' && finding.severity === 'error')).toBe(true);
    expect(report.findings.some((finding) => finding.rule === 'flux-wiring')).toBe(true);
    const text = JSON.stringify(report);
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(MARKER_DIR);
  });

  it('remote-resource and gitops-coverage do not follow a link out even for an overlay taken as rendered', async () => {
    // Unrendered context: no render finding, so the rules read the kustomization files themselves.
    const context = await loadRepository(root, { render: false });
    expect(context.sources.filter((checked) => checked.source.kind === 'kustomization').length).toBeGreaterThan(0);
    const found = [...remoteResource.check(context), ...gitopsCoverage.check(context)];
    expect(JSON.stringify(found.map((v) => [v.message, v.resource.file, v.resource.object]))).not.toContain(MARKER);
    expect(found.filter((v) => v.message.includes('remote'))).toEqual([]);
  });

  it('an overlay whose kustomization is itself a link out is not read, and an in-repository link still is', async () => {
    const local = mkdtempSync(join(scratch, 'local-'));
    write(join(local, 'real', 'kustomization.yaml'), 'resources:\n  - https://example.com/in-repo.yaml?ref=main\n');
    mkdirSync(join(local, 'overlays', 'linked'), { recursive: true });
    symlinkSync(join(local, 'real', 'kustomization.yaml'), join(local, 'overlays', 'linked', 'kustomization.yaml'));
    mkdirSync(join(local, 'overlays', 'out'), { recursive: true });
    symlinkSync(join(outside, 'base', 'kustomization.yaml'), join(local, 'overlays', 'out', 'kustomization.yaml'));
    const messages = remoteResource.check(await loadRepository(local, { render: false })).map((v) => v.message);
    expect(messages).toEqual([expect.stringContaining('https://example.com/in-repo.yaml?ref=main')]);
  });
});

describe('.sourceignore and ApplicationSet directories', () => {
  it('a .sourceignore linked to /dev/zero or out of the repository is not read: the finding stands, without its content', async () => {
    const context = await loadRepository(root, { render: false, options: { 'flux-wiring': { sourceIgnore: ['scripts'] } } });
    const viaZero = fluxWiring.check(context).map((v) => v.message);
    expect(viaZero).toEqual([expect.stringContaining('the root .sourceignore is not a regular file')]);

    const linked = mkdtempSync(join(scratch, 'ignore-'));
    mkdirSync(join(linked, 'flux'));
    mkdirSync(join(linked, 'scripts'));
    symlinkSync(join(root, 'flux', 'source.yaml'), join(linked, 'flux', 'source.yaml'));
    // Outside, this file would exclude everything and silence the finding; it must count as absent.
    symlinkSync(join(outside, 'ignore-everything'), join(linked, '.sourceignore'));
    const messages = fluxWiring.check(await loadRepository(linked, { render: false, options: { 'flux-wiring': { sourceIgnore: ['scripts'] } } })).map((v) => v.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).not.toContain(MARKER);
  });

  it('a generator pattern under a link out of the repository matches nothing, and never lists the target', () => {
    symlinkSync('/', join(scratch, 'repo', 'root-link'));
    mkdirSync(join(root, 'inside', 'one'), { recursive: true });
    const files = readRepositoryFiles(root);
    expect(expand(files, 'root-link/*')).toEqual([]);
    expect(expand(files, 'evil/*')).toEqual([]);
    expect(expand(files, 'inside/*')).toEqual(['inside/one']);
    expect(JSON.stringify([...files.directories.keys()])).not.toContain(MARKER_DIR);
  });
});

describe('app-config schema files named by validate.config.yaml', () => {
  const declare = (schema: string) => ({ options: { 'app-config-schema': { configs: [{ configMap: 'c', key: 'k', schema }] } }, sources: [] });
  // Schemas are checked when the configuration loads and parsed when a config is first validated: either may refuse.
  const errorOf = (schema: string): string => {
    try {
      loadAppSchemas(declare(schema), root).get(schema)?.validate({});
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('expected the schema to be refused');
  };

  it('a link out of the repository is refused without reading it', () => {
    symlinkSync(join(outside, 'schema.json'), join(root, 'outside-schema.json'));
    symlinkSync('/etc/passwd', join(root, 'passwd.json'));
    for (const schema of ['outside-schema.json', 'passwd.json']) {
      const message = errorOf(schema);
      expect(message).toContain('inside the repository');
      expect(message).not.toContain(MARKER);
      expect(message).not.toContain('root:');
    }
  });

  it('a link to /dev/zero is refused at once, and invalid JSON is reported without its content', () => {
    symlinkSync('/dev/zero', join(root, 'zero.json'));
    expect(errorOf('zero.json')).toMatch(/schema zero\.json/);
    write(join(root, 'schemas', 'bad.json'), `{\n  "ok": 1,\n  "${MARKER}": nope\n}\n`);
    const message = errorOf('schemas/bad.json');
    expect(message).toMatch(/^options\.app-config-schema: schema schemas\/bad\.json is not valid JSON( at line \d+)?$/);
    expect(message).not.toContain(MARKER);
  });
});
