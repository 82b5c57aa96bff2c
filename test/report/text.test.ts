import { describe, expect, it } from 'vitest';
import { formatReport } from '../../scripts/lib/report/index.ts';
import { EMPTY_REPORT, fixtureReport } from './fixture.ts';

const ESC = '\u001b[';
const plain = { color: false, quiet: false };

describe('text report', () => {
  it('groups findings by source, sorted, each starting with file:line:column', () => {
    const lines = formatReport(fixtureReport(), 'text', plain).split('\n');
    const devHeader = lines.indexOf('overlays/dev');
    const prodHeader = lines.indexOf('overlays/prod');
    expect(devHeader).toBe(0);
    expect(prodHeader).toBeGreaterThan(devHeader);

    const located = lines.findIndex((l) => l.trimStart().startsWith('apps/gateway/deployment.yaml:10:11'));
    const warning = lines.findIndex((l) => l.trimStart().startsWith('apps/gateway/pdb.yaml:1:1'));
    expect(located).toBeGreaterThan(prodHeader);
    expect(warning).toBeGreaterThan(located);
  });

  it('shows severity, rule, resource, readable path and message on the finding line, and the fix below it', () => {
    const lines = formatReport(fixtureReport(), 'text', plain).split('\n');
    const at = lines.findIndex((l) => l.includes('apps/gateway/deployment.yaml:10:11'));
    expect(lines[at].trim().split('  ')).toEqual([
      'apps/gateway/deployment.yaml:10:11',
      'error',
      'run-as-non-root',
      'Deployment openclaw/gateway',
      'spec.template.spec.containers[0]',
      'container "gateway" may run as root',
    ]);
    expect(lines[at + 1]).toMatch(/^\s{4,}fix: Set securityContext\.runAsNonRoot: true\.$/);
  });

  it('locates a finding without a file at its source, and shows line breaks and control characters as escapes', () => {
    const lines = formatReport(fixtureReport(), 'text', plain).split('\n');
    const at = lines.findIndex((l) => l.includes('render'));
    expect(lines[at].trim().startsWith('overlays/dev  error  render  value <"50%"')).toBe(true);
    // One finding, one line: a message never continues on a line of its own.
    expect(lines[at]).toMatch(/see a:b\\nsecond line\\r\\x07bell$/);
    expect(formatReport(fixtureReport(), 'text', plain)).not.toMatch(/[\u0007\r]/);
  });

  it('ends with the summary line', () => {
    const lines = formatReport(fixtureReport(), 'text', plain).trimEnd().split('\n');
    expect(lines.at(-1)).toBe('2 errors, 1 warning in 7 resources from 2 sources');
    expect(formatReport(EMPTY_REPORT, 'text', plain)).toBe('0 errors, 0 warnings in 3 resources from 1 source\n');
  });

  it('uses ANSI colour only when asked: red errors, yellow warnings', () => {
    const coloured = formatReport(fixtureReport(), 'text', { color: true, quiet: false });
    expect(coloured).toContain(`${ESC}31merror${ESC}39m`);
    expect(coloured).toContain(`${ESC}33mwarning${ESC}39m`);
    expect(formatReport(fixtureReport(), 'text', plain)).not.toContain('\u001b');
  });

  it('in quiet mode prints the findings only: no source headers, no summary', () => {
    const quiet = formatReport(fixtureReport(), 'text', { color: false, quiet: true });
    const lines = quiet.trimEnd().split('\n');
    expect(lines[0].startsWith('overlays/dev  error  render')).toBe(true);
    expect(lines.filter((l) => !l.startsWith(' '))).toHaveLength(3);
    expect(quiet).not.toContain('errors,');
    expect(lines).not.toContain('overlays/prod');
    expect(formatReport(EMPTY_REPORT, 'text', { color: false, quiet: true })).toBe('');
  });

  it('is a pure function of the report: findings given in any order print the same', () => {
    const report = fixtureReport();
    const reversed = { ...report, findings: [...report.findings].reverse() };
    expect(formatReport(reversed, 'text', plain)).toBe(formatReport(report, 'text', plain));
  });
});
