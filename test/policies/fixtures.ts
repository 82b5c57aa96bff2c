// Reads the policy fixtures: a YAML manifest whose header comments say what the rules must find.
//
//   # expect: <rule> <severity> <json-pointer>   one line per expected finding (none: the file passes)
//   # source: overlays/prod                      the source name the engine sees (default: the file)
//   # config: {production: true}                 validate.config.yaml content, as YAML flow
//   # kubernetes-version: 1.33                   the run's --kubernetes-version (default: the newest)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import type { Resource } from '../../scripts/lib/model.ts';
import { parseRuleConfig, type RuleConfig } from '../../scripts/rules/config.ts';

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

export function loadFixture(rule: string, name: string): PolicyFixture {
  const file = join(FIXTURES, rule, name);
  const text = readFileSync(file, 'utf8');
  const header = (key: string) =>
    [...text.matchAll(new RegExp(`^# ${key}: (.*)$`, 'gm'))].map((match) => match[1].trim());
  const relative = `test/fixtures/policies/${rule}/${name}`;
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

export function fixtureDirectories(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

export function fixtureFiles(rule: string): string[] {
  return readdirSync(join(FIXTURES, rule))
    .filter((name) => name.endsWith('.yaml'))
    .sort();
}
