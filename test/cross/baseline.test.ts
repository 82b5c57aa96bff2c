// `validate --baseline REF` compares selectors with the render at REF, in a real git repository.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runValidate } from '../helpers/cli.ts';
import { stableDirectory, type StableDirectory } from '../render/stable-directory.ts';

const deployment = (tier: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
      tier: ${tier}
  template:
    metadata:
      labels:
        app: web
        tier: ${tier}
    spec:
      containers:
        - name: web
          image: nginx:1.27
`;

let repo: string;
/** The same path every run, so the working tree's renders are served from the render cache on a rerun. */
let place: StableDirectory;
const git = (...args: string[]) => execa('git', args, { cwd: repo });

beforeAll(async () => {
  place = stableDirectory('baseline');
  repo = place.path;
  mkdirSync(join(repo, 'overlay'));
  writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'resources: [deployment.yaml]\n');
  writeFileSync(join(repo, 'overlay', 'deployment.yaml'), deployment('front'));
  await git('init', '-q', '-b', 'main');
  await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '--allow-empty', '-m', 'empty');
  await git('add', '.');
  await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'web');
});

afterAll(() => place.release());

const selectorFindings = async (ref: string) => {
  const result = await runValidate(['overlay', '--baseline', ref, '--format', 'json', '--ignore-missing-schemas', '--quiet'], { cwd: repo });
  return { result, findings: (JSON.parse(result.stdout || '{"findings":[]}').findings as Array<{ rule: string; path: string; message: string }>).filter((f) => f.rule === 'selector-immutable') };
};

describe('validate --baseline', () => {
  it('passes when the selector is unchanged', async () => {
    writeFileSync(join(repo, 'overlay', 'deployment.yaml'), deployment('front'));
    expect((await selectorFindings('HEAD')).findings).toEqual([]);
  });

  it('reports a changed Deployment selector as an error at spec.selector', async () => {
    writeFileSync(join(repo, 'overlay', 'deployment.yaml'), deployment('back'));
    const { findings, result } = await selectorFindings('HEAD');
    expect(result.exitCode).toBe(1);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.path).toMatch(/^\/spec\/selector/);
    expect(findings[0]!.message).toContain('compared with HEAD');
  });

  it('ignores an overlay that did not exist at the baseline', async () => {
    expect((await selectorFindings('HEAD~1')).findings).toEqual([]);
  });

  it('exits 2 with one line for an unknown ref', async () => {
    const { result } = await selectorFindings('no-such-ref');
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^validate: unknown git ref: no-such-ref$/m);
  });

  it('says so when an overlay does not render at the baseline, instead of skipping it silently', async () => {
    writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'resources: [deployment.yaml, missing.yaml]\n');
    await git('add', '.');
    await git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'broken');
    writeFileSync(join(repo, 'overlay', 'kustomization.yaml'), 'resources: [deployment.yaml]\n');
    const result = await runValidate(['overlay', '--baseline', 'HEAD', '--format', 'json', '--ignore-missing-schemas', '--quiet'], { cwd: repo });
    const findings = JSON.parse(result.stdout).findings as Array<{ rule: string; severity: string; message: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'input', severity: 'warning', message: 'overlay does not render at HEAD, so it is not compared with the baseline' }));
  });
});
