import { describe, expect, it } from 'vitest';
import { formatReport } from '../../scripts/lib/report/index.ts';
import { escapeData, escapeProperty } from '../../scripts/lib/report/github.ts';
import { fixtureReport } from './fixture.ts';

const options = { color: false, quiet: false };

describe('github workflow commands', () => {
  it('escapes %, CR and LF in data, and also : and , in properties', () => {
    expect(escapeData('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext: a, b');
    expect(escapeProperty('50%\r\nnext: a, b')).toBe('50%25%0D%0Anext%3A a%2C b');
  });

  it('writes one command per finding, sorted, then the plain summary', () => {
    expect(formatReport(fixtureReport(), 'github', options)).toBe(
      [
        `::error title=render::overlays/dev: value <"50%25" & 'x'>, see a:b%0Asecond line%0D\\x07bell`,
        '::error file=apps/gateway/deployment.yaml,line=10,col=11,title=run-as-non-root (Deployment openclaw/gateway)' +
          '::spec.template.spec.containers[0]: container "gateway" may run as root%0AFix: Set securityContext.runAsNonRoot: true.',
        '::warning file=apps/gateway/pdb.yaml,line=1,col=1,title=deprecated-api (PodDisruptionBudget openclaw/gateway)' +
          '::apiVersion: policy/v1beta1 PodDisruptionBudget is removed in Kubernetes 1.25%0AFix: Use policy/v1.',
        '2 errors, 1 warning in 7 resources from 2 sources',
        '',
      ].join('\n'),
    );
  });

  it('escapes property values, so a comma or colon in a path or name cannot end a property', () => {
    const report = fixtureReport();
    report.findings = [
      {
        rule: 'schema',
        severity: 'error',
        message: 'bad',
        source: 'overlays/prod',
        file: 'apps/a,b:c.yaml',
        line: 3,
        resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name: 'x:y,z' },
      },
    ];
    const [line] = formatReport(report, 'github', options).split('\n');
    expect(line).toBe('::error file=apps/a%2Cb%3Ac.yaml,line=3,title=schema (ConfigMap ns/x%3Ay%2Cz)::bad');
  });

  it('keeps every command on one line whatever the message holds', () => {
    const lines = formatReport(fixtureReport(), 'github', options).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3).every((l) => /^::(error|warning) /.test(l))).toBe(true);
  });
});

describe('github format with --quiet', () => {
  it('prints the workflow commands without the summary line', async () => {
    const { formatReport } = await import('../../scripts/lib/report/index.ts');
    const report = {
      findings: [{ rule: 'schema', severity: 'error' as const, message: 'bad', source: 's', file: 'a.yaml', line: 3 }],
      summary: { sources: 1, resources: 1, errors: 1, warnings: 0 },
      sources: [],
    };
    expect(formatReport(report, 'github', { color: false, quiet: true })).toBe('::error file=a.yaml,line=3,title=schema::bad\n');
    expect(formatReport(report, 'github', { color: false, quiet: false })).toMatch(/^::error .*\n1 error, 0 warnings in 1 resource from 1 source\n$/);
  });
});
