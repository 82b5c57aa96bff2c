import { describe, expect, it } from 'vitest';
import { formatReport } from '../../scripts/lib/report/index.ts';
import { fixtureReport, NASTY_MESSAGE } from './fixture.ts';

const options = { color: true, quiet: true };

describe('json report', () => {
  const output = formatReport(fixtureReport(), 'json', options);
  const parsed = JSON.parse(output);

  it('is 2-space indented JSON ending with a newline, unaffected by colour and quiet', () => {
    expect(output.endsWith('}\n')).toBe(true);
    expect(output.split('\n')[1]).toBe('  "version": 1,');
    expect(output).toBe(formatReport(fixtureReport(), 'json', { color: false, quiet: false }));
  });

  it('has version, summary and findings, with keys in the documented order', () => {
    expect(Object.keys(parsed)).toEqual(['version', 'summary', 'findings']);
    expect(parsed.summary).toEqual({ sources: 2, resources: 7, errors: 2, warnings: 1 });
    expect(Object.keys(parsed.summary)).toEqual(['sources', 'resources', 'errors', 'warnings']);
    for (const finding of parsed.findings) {
      expect(Object.keys(finding)).toEqual([
        'rule', 'severity', 'message', 'fix', 'source', 'file', 'line', 'column', 'resource', 'path',
      ]);
    }
  });

  it('writes a located finding in full', () => {
    const finding = parsed.findings.find((f: { rule: string }) => f.rule === 'run-as-non-root');
    expect(finding).toEqual({
      rule: 'run-as-non-root',
      severity: 'error',
      message: 'container "gateway" may run as root',
      fix: 'Set securityContext.runAsNonRoot: true.',
      source: 'overlays/prod',
      file: 'apps/gateway/deployment.yaml',
      line: 10,
      column: 11,
      resource: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'openclaw', name: 'gateway' },
      path: '/spec/template/spec/containers/0',
    });
    expect(Object.keys(finding.resource)).toEqual(['apiVersion', 'kind', 'namespace', 'name']);
  });

  it('keeps every key for what is not known, as null, and the message exactly as given', () => {
    const finding = parsed.findings.find((f: { rule: string }) => f.rule === 'render');
    expect(finding).toEqual({
      rule: 'render',
      severity: 'error',
      message: NASTY_MESSAGE,
      fix: null,
      source: 'overlays/dev',
      file: null,
      line: null,
      column: null,
      resource: null,
      path: null,
    });
  });

  it('gives a cluster-scoped resource a null namespace', () => {
    const report = fixtureReport();
    report.findings = [{ ...report.findings[0], resource: { apiVersion: 'v1', kind: 'Namespace', name: 'openclaw' } }];
    const [finding] = JSON.parse(formatReport(report, 'json', options)).findings;
    expect(finding.resource).toEqual({ apiVersion: 'v1', kind: 'Namespace', namespace: null, name: 'openclaw' });
  });

  it('sorts findings by source, file and line', () => {
    expect(parsed.findings.map((f: { source: string; file: string | null }) => [f.source, f.file])).toEqual([
      ['overlays/dev', null],
      ['overlays/prod', 'apps/gateway/deployment.yaml'],
      ['overlays/prod', 'apps/gateway/pdb.yaml'],
    ]);
  });
});
