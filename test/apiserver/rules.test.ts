// Every API-server rule against its fixtures (test/fixtures/apiserver/<id>/): each file states the findings it
// must produce, no more, no less; a `# kubernetes: X.Y` line sets the run's target version.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { renderPoliciesDoc } from '../../scripts/docs/policies.ts';
import { createValidation } from '../../scripts/lib/validation.ts';
import { apiServerRules } from '../../scripts/rules/apiserver/index.ts';
import { defaultRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { catalogue } from '../../scripts/rules/registry.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'apiserver');

interface Expected {
  rule: string;
  severity: string;
  path: string;
}

function loadFixture(rule: string, name: string) {
  const file = `test/fixtures/apiserver/${rule}/${name}`;
  const text = readFileSync(join(FIXTURES, rule, name), 'utf8');
  const header = (key: string) => [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((match) => match[1]!.trim());
  const parsed = parseResources(text, { source: file, file });
  if (parsed.findings.length > 0) throw new Error(`${file}: ${parsed.findings[0]!.message}`);
  const expected: Expected[] = header('expect').map((line) => {
    const [expectedRule = '', severity = '', path = ''] = line.split(/\s+/);
    return { rule: expectedRule, severity, path };
  });
  return { file, resources: parsed.resources, expected, kubernetesVersion: header('kubernetes')[0] };
}

const byPosition = (a: Expected, b: Expected) => a.path.localeCompare(b.path) || a.severity.localeCompare(b.severity);

describe('API-server rules', () => {
  it('has a passing and a failing fixture for every rule', () => {
    for (const rule of apiServerRules) {
      const files = readdirSync(join(FIXTURES, rule.id)).filter((name) => name.endsWith('.yaml'));
      const fixtures = files.map((name) => loadFixture(rule.id, name));
      expect(fixtures.some((fixture) => fixture.expected.length === 0), `${rule.id}: a manifest that passes`).toBe(true);
      expect(fixtures.some((fixture) => fixture.expected.length > 0), `${rule.id}: a manifest that fails`).toBe(true);
    }
  });

  for (const rule of apiServerRules) {
    describe(rule.id, () => {
      for (const name of readdirSync(join(FIXTURES, rule.id)).filter((entry) => entry.endsWith('.yaml')).sort()) {
        const fixture = loadFixture(rule.id, name);
        const title = fixture.expected.length === 0 ? `${name} passes` : `${name} fails at ${fixture.expected.map((e) => e.path).join(', ')}`;
        it(title, () => {
          const findings = evaluateRules(fixture.resources, {
            source: fixture.file,
            config: defaultRuleConfig,
            rules: [rule],
            ...(fixture.kubernetesVersion ? { kubernetesVersion: fixture.kubernetesVersion } : {}),
          });
          const actual = findings.map((finding) => ({ rule: finding.rule, severity: finding.severity, path: finding.path ?? '' }));
          expect(actual.sort(byPosition)).toEqual([...fixture.expected].sort(byPosition));
          for (const finding of findings) {
            expect(finding.file).toBe(fixture.file);
            expect(finding.line, 'located in the file').toBeGreaterThan(0);
            expect(finding.fix).toBe(rule.fix);
          }
        });
      }
    });
  }

  it('is refused by the version it targets: the same StatefulSet passes for 1.34 and fails for 1.35', () => {
    const { resources } = loadFixture('update-strategy', 'before-1.35.yaml');
    const run = (kubernetesVersion: string) =>
      evaluateRules(resources, { source: 's', config: defaultRuleConfig, rules: apiServerRules, kubernetesVersion }).map((finding) => finding.rule);
    expect(run('1.34.0')).toEqual([]);
    expect(run('1.35')).toEqual(['update-strategy']);
  });

  it('gets the target version from --kubernetes-version through the run wiring', () => {
    const { resources } = loadFixture('update-strategy', 'before-1.35.yaml');
    const source = { kind: 'manifests' as const, name: 'statefulset.yaml', path: '/dev/null' };
    const run = (kubernetesVersion: string) =>
      createValidation({ root: join(import.meta.dirname, '..', '..'), kubernetesVersion })
        .pipelineOptions()
        .checks!.flatMap((check) => check(resources, source))
        .filter((finding) => finding.rule === 'update-strategy');
    expect(run('1.34')).toEqual([]);
    expect(run('1.36').map((finding) => finding.path)).toEqual(['/spec/updateStrategy/rollingUpdate/maxUnavailable']);
  });

  it('measures the annotations of one object against 256 KiB', () => {
    const manifest = (size: number) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    a: "${'x'.repeat(size)}"\n`;
    const rule = apiServerRules.filter((entry) => entry.id === 'annotation-syntax');
    const findings = (size: number) =>
      evaluateRules(parseResources(manifest(size), { source: 'big.yaml', file: 'big.yaml' }).resources, { source: 'big.yaml', config: defaultRuleConfig, rules: rule });
    expect(findings(256 * 1024 - 1)).toEqual([]);
    expect(findings(256 * 1024).map((finding) => finding.path)).toEqual(['/metadata/annotations']);
  });

  it('cites the Kubernetes validation each rule mirrors, in the catalogue and the generated docs', () => {
    const section = renderPoliciesDoc(catalogue);
    for (const rule of apiServerRules) {
      expect(rule.severity).toBe('error');
      expect(rule.mirrors, rule.id).toMatch(/`[A-Za-z]+`/);
      expect(section).toContain(`Mirrors ${rule.mirrors}.`);
    }
  });
});
