// The repository a run is about is the target's: found from the paths given (or --root), with its own
// validate.config.yaml and profile, and file pointers relative to it, wherever the command is started.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { targetRoot } from '../../scripts/lib/cli/target-root.ts';
import { runValidate } from '../helpers/cli.ts';

// A pod Pod Security baseline accepts and restricted refuses (it may run as root), with no probes.
const POD = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: default\nspec:\n  containers:\n    - name: web\n      image: nginx:1.27\n';

let work: string;
let repo: string;
let other: string;
let elsewhere: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

async function gitRepository(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await execa('git', ['init', '-q', dir]);
}

interface Finding {
  rule: string;
  source: string;
  file: string | null;
}

const report = (stdout: string) => JSON.parse(stdout) as { findings: Finding[] };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'target-root-'));
  repo = join(work, 'repo');
  other = join(work, 'other');
  elsewhere = join(work, 'elsewhere');
  await gitRepository(repo);
  await gitRepository(other);
  mkdirSync(elsewhere);
  write(join(repo, 'overlays', 'dev', 'kustomization.yaml'), 'resources:\n  - pod.yaml\n');
  write(join(repo, 'overlays', 'dev', 'pod.yaml'), POD);
  write(join(repo, 'manifests', 'pod.yaml'), POD);
  // The target's own configuration: restricted, one rule beyond it turned on.
  write(join(repo, 'validate.config.yaml'), 'profile: restricted\nrules:\n  liveness-probe: warning\n');
  write(join(other, 'pod.yaml'), POD);
  write(join(work, 'plain', 'a', 'pod.yaml'), POD);
  write(join(work, 'plain', 'b', 'pod.yaml'), POD);
});

describe('validate run from outside the target repository', () => {
  it('applies the target’s validate.config.yaml and names sources and files relative to its root', async () => {
    const result = await runValidate(['../repo/overlays/dev', '../repo/manifests/pod.yaml', '--format', 'json', '--ignore-missing-schemas', '--quiet'], { cwd: elsewhere });
    expect(result.exitCode).toBe(1);
    const findings = report(result.stdout).findings;
    expect(findings.map((finding) => finding.rule)).toContain('run-as-non-root');
    expect(findings.map((finding) => finding.rule)).toContain('liveness-probe');
    // cpu-limits is in the `all` profile only, which the target's configuration does not choose.
    expect(findings.map((finding) => finding.rule)).not.toContain('cpu-limits');
    expect(new Set(findings.map((finding) => finding.source))).toEqual(new Set(['overlays/dev', 'manifests/pod.yaml']));
    for (const finding of findings) expect(finding.file).toMatch(/^(overlays\/dev|manifests)\/pod\.yaml$/);
  });

  it('gives the same report as a run from the target’s root', async () => {
    const args = ['--format', 'json', '--ignore-missing-schemas', '--quiet'];
    const outside = await runValidate(['../repo/overlays/dev', ...args], { cwd: elsewhere });
    const inside = await runValidate(['overlays/dev', ...args], { cwd: repo });
    expect(outside.stdout).toBe(inside.stdout);
  });

  it('uses the built-in defaults (profile baseline) for a repository without a configuration', async () => {
    const result = await runValidate(['../other/pod.yaml', '--format', 'json', '--ignore-missing-schemas', '--quiet'], { cwd: elsewhere });
    expect(result.exitCode).toBe(0);
    expect(report(result.stdout).findings).toEqual([]);
    const all = await runValidate(['../other/pod.yaml', '--format', 'json', '--ignore-missing-schemas', '--quiet', '--profile', 'all'], { cwd: elsewhere });
    expect(all.exitCode).toBe(1);
    expect(report(all.stdout).findings.map((finding) => finding.source)).toContain('pod.yaml');
  });

  it('refuses paths of two repositories with one line and exit 2', async () => {
    const result = await runValidate(['../repo/manifests', '../other/pod.yaml'], { cwd: elsewhere });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/belong to different repositories .*--root DIR/);
  });

  it('takes the repository from --root when given', async () => {
    const result = await runValidate(['../repo/manifests', '--root', '../repo', '--format', 'json', '--ignore-missing-schemas', '--quiet'], { cwd: elsewhere });
    expect(report(result.stdout).findings.map((finding) => finding.rule)).toContain('run-as-non-root');
    const missing = await runValidate(['--root', 'no-such-dir'], { cwd: elsewhere });
    expect([missing.exitCode, missing.stderr.trim()]).toEqual([2, expect.stringMatching(/--root no-such-dir: not a directory/)]);
  });
});

describe('the root', () => {
  it('is the git work tree of the paths given, else their common directory, never the working directory', () => {
    expect(targetRoot(['../repo/overlays/dev', '../repo/manifests/pod.yaml'], elsewhere)).toBe(repo);
    expect(targetRoot(['plain/a/pod.yaml', 'plain/b'], work)).toBe(join(work, 'plain'));
    expect(targetRoot(['a/pod.yaml'], join(work, 'plain'))).toBe(join(work, 'plain', 'a'));
    // A path that does not exist is a finding of the run; it does not decide the repository.
    expect(targetRoot(['no/such/path', '../repo/manifests'], elsewhere)).toBe(repo);
  });

  it('is the working directory’s work tree when no path is given', () => {
    expect(targetRoot([], join(repo, 'overlays'))).toBe(repo);
    expect(targetRoot(['-'], elsewhere)).toBe(elsewhere);
  });
});

describe('--kubernetes-version', () => {
  it('names the versions available when the one asked for is not', async () => {
    const result = await runValidate(['--kubernetes-version', '1.29', '../repo/manifests'], { cwd: elsewhere });
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/1\.29 is not vendored \(vendored: (\d+\.\d+\.\d+, )*\d+\.\d+\.\d+\)/);
  });
});
