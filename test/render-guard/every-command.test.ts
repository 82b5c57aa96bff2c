// Issue 10, items 2, 3, 5 and 11: one pull request full of overlays that reach outside the repository or
// the network, run through validate, --baseline, diff and promote. Each must refuse every one of them,
// with an `input` error at the kustomization line, and print nothing that came from outside.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBaseline } from '../../scripts/lib/cli/baseline.ts';
import { PromotionRefused, promote } from '../../scripts/lib/release/promotion.ts';
import { renderedDiff } from '../../scripts/lib/release/rendered-diff.ts';
import { runValidate } from '../helpers/cli.ts';
import { attackRepository, configMap, type AttackRepository } from './attack-repo.ts';

const IMAGES = 'images:\n  - name: ghcr.io/openclaw/openclaw\n    newTag: "1.0.0"\n';
const DEPLOYMENT = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n        - name: app\n          image: ghcr.io/openclaw/openclaw:1.0.0\n`;

/** Overlay name → its kustomization (and the symlinks it needs): each one a way past the old guard. */
function attacks(outside: string, url: string): { files: Record<string, string>; links: Record<string, string> } {
  const kustomizations: Record<string, string> = {
    'case-key': 'resources:\n  - ../../base\nResources:\n  - ../../../outside\n',
    'upper-key': 'RESOURCES: [../../../outside]\n',
    'duplicate-key': 'resources: [../../base]\nresources: [../../../outside]\n',
    'two-documents': 'resources: [../../base]\n---\nresources: [../../../outside]\n',
    aliases: `resources: [&o ../../base]\ncomponents: [${Array.from({ length: 20 }, () => '*o').join(', ')}]\n`,
    'nested-case': 'resources: [../../base]\npatches:\n  - Path: ../../../outside/leak.yaml\n',
    'file-url': `resources:\n  - file://${outside}\n`,
    'git-file-url': `resources: ["git::file://${outside}"]\n`,
    http: `resources: ["${url}/leak.yaml"]\n`,
    'bare-host': 'resources: [github.com/example/leak]\n',
    missing: 'resources: [127.0.0.1/leak]\n',
    'symlink-dir': 'resources:\n  - linked\n',
    'symlink-file': 'resources: [../../base, leak.yaml]\n',
    'generator-directory': 'resources: [../../base]\nconfigMapGenerator:\n  - name: g\n    files: [data]\n',
    'replacement-path': 'resources: [../../base]\nreplacements:\n  - path: ../../../outside/replacement.yaml\n',
    helm: `helmCharts:\n  - name: leak\n    repo: ${url}\n`,
    generators: 'resources: [../../base]\ngenerators: [gen.yaml]\n',
  };
  const files: Record<string, string> = {
    'base/kustomization.yaml': 'resources: [deployment.yaml, configmap.yaml]\n',
    'base/deployment.yaml': DEPLOYMENT,
    'base/configmap.yaml': configMap('ok'),
    'overlays/canary/kustomization.yaml': `resources:\n  - ../../base\n${IMAGES.replace('1.0.0', '1.1.0')}`,
    'overlays/generators/gen.yaml': 'apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata: {name: gen}\n',
    'overlays/generator-directory/data/plain.txt': 'plain\n',
  };
  for (const [name, text] of Object.entries(kustomizations)) files[`overlays/${name}/kustomization.yaml`] = `${text}${IMAGES}`;
  const links = {
    'overlays/symlink-dir/linked': outside,
    'overlays/symlink-file/leak.yaml': join(outside, 'leak.yaml'),
    'overlays/generator-directory/data/secret': join(outside, 'leak.yaml'),
  };
  return { files, links };
}

let attack: AttackRepository;
let names: string[];

beforeAll(async () => {
  attack = await attackRepository(({ outside, url }) => attacks(outside, url));
  names = Object.keys(attacks('', '').files)
    .map((path) => /^overlays\/([^/]+)\/kustomization\.yaml$/.exec(path)?.[1])
    .filter((name): name is string => name !== undefined && name !== 'canary');
});

afterAll(async () => {
  expect(attack.requests).toEqual([]);
  await attack.close();
});

describe('an overlay that reaches outside the repository, the network or code', () => {
  it('validate refuses each one with an input error at its kustomization, and prints nothing from outside', async () => {
    const result = await runValidate(['--format', 'json', '--ignore-missing-schemas'], { cwd: attack.repo });
    expect(result.stdout + result.stderr).not.toContain(attack.marker);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout) as { findings: Array<{ rule: string; severity: string; source: string; file?: string; line?: number }> };
    for (const name of names) {
      const refusal = report.findings.find((finding) => finding.source === `overlays/${name}` && finding.rule === 'input' && finding.severity === 'error');
      expect(refusal, name).toBeDefined();
      expect(refusal!.file, name).toMatch(/kustomization\.yaml$/);
    }
    expect(report.findings.filter((finding) => finding.source === 'overlays/canary' && finding.rule === 'input')).toEqual([]);
  });

  it('diff refuses each one on both sides and says why, printing nothing from outside', async () => {
    const report = await renderedDiff({ base: 'HEAD', overlays: [], cwd: attack.repo });
    expect(JSON.stringify(report)).not.toContain(attack.marker);
    for (const name of names) {
      const overlay = report.overlays.find((candidate) => candidate.overlay === `overlays/${name}`);
      expect(overlay?.status, name).toBe('failed');
      expect(overlay?.failures?.length, name).toBeGreaterThanOrEqual(2);
    }
    expect(report.overlays.find((candidate) => candidate.overlay === 'overlays/canary')?.status).toBe('compared');
  });

  it('--baseline renders none of them at the ref and says so', async () => {
    const sources = names.map((name) => ({ kind: 'kustomization' as const, name: `overlays/${name}`, path: join(attack.repo, 'overlays', name) }));
    const { baseline, findings } = await renderBaseline('HEAD', { root: attack.repo, sources, timeoutMs: 60_000, concurrency: 2 });
    expect(JSON.stringify([...baseline.renders.values()])).not.toContain(attack.marker);
    expect(baseline.renders.size).toBe(0);
    expect(findings.map((finding) => finding.source).sort()).toEqual(sources.map((source) => source.name).sort());
  });

  it('promote refuses to promote into one, before writing anything, and shows nothing from outside', async () => {
    for (const target of ['case-key', 'symlink-dir', 'file-url']) {
      const refused = await promote({ from: 'overlays/canary', to: `overlays/${target}`, images: [], dryRun: true, cwd: attack.repo, ignoreMissingSchemas: true }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused, `${target}: ${String(refused)}`).toBeInstanceOf(PromotionRefused);
      const { message, details } = refused as PromotionRefused;
      expect(`${message}\n${details}`).not.toContain(attack.marker);
      expect(details, target).toMatch(/input/);
    }
  });
});
