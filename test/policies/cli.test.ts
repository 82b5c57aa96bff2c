import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../scripts/rules/registry.ts';
import { runValidate } from '../helpers/cli.ts';

function tempFile(name: string, content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'policy-cli-')), name);
  writeFileSync(file, content);
  return file;
}

const rootPod = `apiVersion: v1
kind: Pod
metadata:
  name: root
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
        runAsUser: 0
`;

describe('policies through npm run validate', () => {
  it('--list-rules prints every rule of the registry', async () => {
    const result = await runValidate(['--list-rules']);
    expect(result.exitCode).toBe(0);
    for (const rule of allRules) expect(result.stdout).toMatch(new RegExp(`^${rule.id} +${rule.severity} `, 'm'));
  });

  it('reports a policy violation with its rule, path and fix', async () => {
    // A file outside any repository has no configuration: its profile is the default, baseline, unless given.
    const result = await runValidate([tempFile('pod.yaml', rootPod), '--format', 'json', '--ignore-missing-schemas', '--profile', 'restricted']);
    expect(result.exitCode).toBe(1);
    const finding = JSON.parse(result.stdout).findings.find((f: { rule: string }) => f.rule === 'run-as-non-root');
    expect(finding).toMatchObject({ severity: 'error', path: '/spec/containers/0/securityContext/runAsUser', line: 10 });
    expect(finding.fix).toEqual(expect.any(String));
  });

  it('applies a configuration given with --config', async () => {
    const config = tempFile('config.yaml', 'rules:\n  run-as-non-root: warning\n');
    const result = await runValidate([tempFile('pod.yaml', rootPod), '--format', 'json', '--ignore-missing-schemas', '--config', config]);
    const finding = JSON.parse(result.stdout).findings.find((f: { rule: string }) => f.rule === 'run-as-non-root');
    expect(finding.severity).toBe('warning');
  });

  it('exits 2 with one line for a configuration naming an unknown rule', async () => {
    const config = tempFile('config.yaml', 'rules:\n  no-such-rule: off\n');
    const result = await runValidate(['--config', config, tempFile('pod.yaml', rootPod)]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/no-such-rule: unknown rule id/);
  });
});

describe('a configuration pattern that matches no source', () => {
  it('is a warning when the whole repository is checked, so a typo cannot silently drop prod settings', async () => {
    const { cpSync, mkdtempSync: mkdtemp } = await import('node:fs');
    const repo = mkdtemp(join(tmpdir(), 'config-repo-'));
    cpSync(join(import.meta.dirname, '..', 'fixtures', 'overlays', 'app'), join(repo, 'overlays'), { recursive: true });
    writeFileSync(join(repo, 'validate.config.yaml'), 'sources:\n  overlays/overlay: {production: true}\n  overlay/prd: {production: true}\n');
    const result = await runValidate(['--format', 'json', '--ignore-missing-schemas'], { cwd: repo });
    const report = JSON.parse(result.stdout);
    const unmatched = report.findings.filter((f: { file: string }) => f.file === 'validate.config.yaml');
    expect(unmatched).toEqual([expect.objectContaining({ rule: 'input', severity: 'warning', message: expect.stringContaining('"overlay/prd" matches none of overlays/base, overlays/images, overlays/overlay') })]);
    expect(report.summary.sources).toBe(3);
  });
});
