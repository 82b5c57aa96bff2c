// Reads the policy fixtures: a YAML manifest whose header comments say what the rules must find.
//
//   # expect: <rule> <severity> <json-pointer>   one line per expected finding (none: the file passes)
//   # source: overlays/prod                      the source name the engine sees (default: the file)
//   # config: {production: true}                 validate.config.yaml content, as YAML flow
//   # kubernetes-version: 1.33                   the run's --kubernetes-version (default: the newest)
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative as relativePath } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { Resource } from '../../scripts/lib/model.ts';
import { parseRuleConfig, type RuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import type { Rule } from '../../scripts/rules/rule.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'policies');

export interface ExpectedFinding {
  rule: string;
  severity: string;
  path: string;
}

export interface PolicyFixture {
  rule: string;
  name: string;
  file: string;
  source: string;
  config: RuleConfig;
  /** The run's target Kubernetes version, when the fixture names one. */
  kubernetesVersion?: string;
  expected: ExpectedFinding[];
  resources: Resource[];
}

export function loadFixture(rule: string, name: string, root = FIXTURES): PolicyFixture {
  const file = join(root, rule, name);
  const text = readFileSync(file, 'utf8');
  const header = (key: string) =>
    [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((match) => match[1].trim());
  const relative = relativePath(join(import.meta.dirname, '..', '..'), file);
  const parsed = parseResources(text, { source: header('source')[0] ?? relative, file: relative });
  if (parsed.findings.length > 0) throw new Error(`${relative}: ${parsed.findings[0].message}`);
  return {
    rule,
    name,
    file: relative,
    source: header('source')[0] ?? relative,
    config: parseRuleConfig(header('config')[0] ?? '', { file: relative }),
    kubernetesVersion: header('kubernetes-version')[0],
    expected: header('expect').map((line) => {
      const [expectedRule, severity, path] = line.split(/\s+/);
      return { rule: expectedRule, severity, path };
    }),
    resources: parsed.resources,
  };
}

export function fixtureDirectories(root = FIXTURES): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function fixtureFiles(rule: string, root = FIXTURES): string[] {
  return readdirSync(join(root, rule))
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}

const byPosition = (a: ExpectedFinding, b: ExpectedFinding) => a.path.localeCompare(b.path) || a.severity.localeCompare(b.severity);

/**
 * One test per fixture file of each rule (`root/<rule id>/*.yaml`), plus one that every rule has a file that
 * passes and one that fails. Only the rule under test runs, so a fixture needs no more than the fields it reads.
 */
export function describeRuleFixtures(rules: readonly Rule[], root = FIXTURES): void {
  it('has a fixture directory for every rule, each with a passing and a failing manifest', () => {
    const directories = fixtureDirectories(root);
    for (const rule of rules) {
      expect(directories, `${relativePath(process.cwd(), root)}/${rule.id}`).toContain(rule.id);
      const files = fixtureFiles(rule.id, root).map((name) => loadFixture(rule.id, name, root));
      expect(files.some((fixture) => fixture.expected.length === 0), `${rule.id}: a manifest that passes`).toBe(true);
      expect(files.some((fixture) => fixture.expected.length > 0), `${rule.id}: a manifest that fails`).toBe(true);
    }
  });

  for (const rule of rules) {
    describe(rule.id, () => {
      for (const name of fixtureFiles(rule.id, root)) {
        const fixture = loadFixture(rule.id, name, root);
        const title = fixture.expected.length === 0 ? `${name} passes` : `${name} fails at ${fixture.expected.map((e) => e.path).join(', ')}`;
        it(title, () => {
          const findings = evaluateRules(fixture.resources, {
            source: fixture.source,
            config: fixture.config,
            rules: [rule],
            kubernetesVersion: fixture.kubernetesVersion,
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
}
