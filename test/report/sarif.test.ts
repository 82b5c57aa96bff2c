import { describe, expect, it } from 'vitest';
import type { Finding } from '../../scripts/lib/model.ts';
import { formatReport } from '../../scripts/lib/report/index.ts';
import type { SarifLog } from '../../scripts/lib/report/sarif.ts';
import { fixtureReport, RULES } from './fixture.ts';

const options = { color: false, quiet: false, rules: RULES };

function sarifOf(findings?: Finding[]): SarifLog {
  const report = fixtureReport();
  if (findings) report.findings = findings;
  return JSON.parse(formatReport(report, 'sarif', options));
}

/**
 * What the SARIF 2.1.0 schema and GitHub's ingestion require of the parts we emit (no network, so no schema
 * download: these are the constraints checked by hand).
 */
function expectValidForGithub(log: SarifLog): void {
  expect(log.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const [run] = log.runs;
  expect(run.tool.driver.name).toBe('openclaw-validate');
  const ids = run.tool.driver.rules.map((r) => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const rule of run.tool.driver.rules) {
    expect(rule.id).toMatch(/\S/);
    expect(rule.shortDescription.text).toMatch(/\S/);
    expect(rule.fullDescription.text).toMatch(/\S/);
    expect(rule.help.text).toMatch(/\S/);
    expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
  }
  for (const result of run.results) {
    expect(ids).toContain(result.ruleId);
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe(result.ruleId);
    expect(['error', 'warning']).toContain(result.level);
    expect(result.message.text).toMatch(/\S/);
    expect(result.locations.length).toBeGreaterThanOrEqual(1);
    for (const location of result.locations) {
      const physical = location.physicalLocation;
      if (!physical) continue;
      const uri = physical.artifactLocation.uri;
      expect(uri).not.toMatch(/\\|^\/|^[a-z]+:/i);
      if (physical.region) {
        expect(Number.isInteger(physical.region.startLine)).toBe(true);
        expect(physical.region.startLine).toBeGreaterThanOrEqual(1);
        if (physical.region.startColumn !== undefined) expect(physical.region.startColumn).toBeGreaterThanOrEqual(1);
      }
    }
  }
}

describe('sarif report', () => {
  const log = sarifOf();
  const [run] = log.runs;
  const byRule = (id: string) => run.results.find((r) => r.ruleId === id)!;

  it('is a SARIF 2.1.0 log GitHub code scanning accepts', () => {
    expectValidForGithub(log);
  });

  it('describes the given rules, the built-in checks and nothing twice', () => {
    const ids = run.tool.driver.rules.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['run-as-non-root', 'render', 'schema', 'yaml-syntax', 'unknown-kind', 'deprecated-api', 'duplicate-resource']));
    const given = run.tool.driver.rules.find((r) => r.id === 'run-as-non-root')!;
    expect(given.shortDescription.text).toBe(RULES[0].description);
    expect(given.help.text).toBe(RULES[0].fix);
    expect(given.defaultConfiguration.level).toBe('error');
  });

  it('gives a located finding its file, line and column, level and a message that ends with the fix', () => {
    const result = byRule('run-as-non-root');
    expect(result.level).toBe('error');
    expect(result.message.text).toBe('container "gateway" may run as root. Fix: Set securityContext.runAsNonRoot: true.');
    expect(result.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'apps/gateway/deployment.yaml' },
      region: { startLine: 10, startColumn: 11 },
    });
  });

  it('names the resource and the field as logical locations', () => {
    expect(byRule('run-as-non-root').locations[0].logicalLocations).toEqual([
      { name: 'Deployment/openclaw/gateway', fullyQualifiedName: 'Deployment/openclaw/gateway', kind: 'object' },
      {
        name: 'spec.template.spec.containers[0]',
        fullyQualifiedName: 'Deployment/openclaw/gateway#/spec/template/spec/containers/0',
        kind: 'property',
      },
    ]);
  });

  it('maps a warning to level warning', () => {
    expect(byRule('deprecated-api').level).toBe('warning');
  });

  it('points a finding without a file at its source and leaves the region out', () => {
    const result = byRule('render');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'overlays/dev' } });
    expect(result.locations[0].logicalLocations).toBeUndefined();
  });

  it('leaves the region out when the line is unknown or not a real line', () => {
    const base: Finding = { rule: 'schema', severity: 'error', message: 'm', source: 's', file: 'a.yaml' };
    const noLine = sarifOf([base]);
    const lineZero = sarifOf([{ ...base, line: 0, column: 0 }]);
    expectValidForGithub(noLine);
    expectValidForGithub(lineZero);
    expect(noLine.runs[0].results[0].locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'a.yaml' } });
    expect(lineZero.runs[0].results[0].locations[0].physicalLocation?.region).toBeUndefined();
  });

  it('writes repository-relative URIs with forward slashes, percent-encoding what a URI cannot hold', () => {
    const result = sarifOf([
      { rule: 'schema', severity: 'error', message: 'm', source: 's', file: '.\\apps\\my app\\a#1.yaml', line: 2 },
    ]).runs[0].results[0];
    expect(result.locations[0].physicalLocation?.artifactLocation.uri).toBe('apps/my%20app/a%231.yaml');
  });

  it('gives standard input only a logical location', () => {
    const result = sarifOf([
      {
        rule: 'schema',
        severity: 'error',
        message: 'm',
        source: '-',
        resource: { apiVersion: 'v1', kind: 'Namespace', name: 'openclaw' },
        path: '',
      },
    ]).runs[0].results[0];
    expect(result.locations[0]).toEqual({
      logicalLocations: [{ name: 'Namespace/openclaw', fullyQualifiedName: 'Namespace/openclaw', kind: 'object' }],
    });
  });

  it('describes a rule it only knows from a finding, so every ruleId resolves', () => {
    const log = sarifOf([{ rule: 'custom-check', severity: 'warning', message: 'm', source: 's', file: 'a.yaml', line: 1 }]);
    expectValidForGithub(log);
    const rule = log.runs[0].tool.driver.rules.find((r) => r.id === 'custom-check');
    expect(rule?.defaultConfiguration.level).toBe('warning');
  });
});
