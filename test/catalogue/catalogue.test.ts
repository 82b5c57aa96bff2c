// One catalogue: every check is an entry, built-in checks are configured and exempted like rules, and a rule
// sees only the kinds it declares.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SchemaValidator, VENDORED_SCHEMAS } from '../../scripts/lib/check/schema-validator.ts';
import { checkResources } from '../../scripts/lib/check/resource-checks.ts';
import { ruleListing } from '../../scripts/rules/policies.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { configureBuiltInFindings } from '../../scripts/rules/built-in-engine.ts';
import { parseRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { catalogue, catalogueEntry } from '../../scripts/rules/registry.ts';
import type { Rule } from '../../scripts/rules/rule.ts';
import { REPOSITORY } from './golden-run.ts';

const GOLDEN = join(REPOSITORY, 'test', 'fixtures', 'golden');

describe('the catalogue', () => {
  it('has an entry for every rule id any stored report holds, and ids are unique', () => {
    const ids = new Set<string>();
    for (const file of readdirSync(GOLDEN).filter((name) => name.endsWith('.txt'))) {
      for (const line of readFileSync(join(GOLDEN, file), 'utf8').split('\n')) {
        const fields = line.split(' | ');
        if (fields.length > 2) ids.add(fields[1]!);
      }
    }
    expect(ids.size).toBeGreaterThan(40);
    for (const id of ids) expect(catalogueEntry(id), id).toBeDefined();
    expect(new Set(catalogue.map((entry) => entry.id)).size).toBe(catalogue.length);
  });

  it('lists built-in checks and exemption findings with --list-rules', () => {
    const listing = ruleListing();
    for (const id of ['input', 'render', 'yaml-syntax', 'schema', 'unknown-kind', 'deprecated-api', 'duplicate-resource', 'exemption-reason']) {
      expect(listing).toMatch(new RegExp(`^${id} +error `, 'm'));
    }
  });
});

const CONFIG_MAP = (annotations = '{}') => `
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  annotations: ${annotations}
data:
  retries: 3
`;

function builtInFindings(yaml: string, config: string, source = 'overlays/dev') {
  const { resources } = parseResources(yaml, { source, file: 'manifest.yaml' });
  const locations = [VENDORED_SCHEMAS];
  const validator = new SchemaValidator({ locations, kubernetesVersion: '1.36.0' });
  const findings = checkResources(resources, { validator, kubernetesVersion: '1.36.0', ignoreMissingSchemas: false });
  return configureBuiltInFindings(findings, resources, source, parseRuleConfig(config, { file: 'validate.config.yaml' }));
}

describe('built-in checks through the engine', () => {
  it('reports a schema violation by default', () => {
    const findings = builtInFindings(CONFIG_MAP(), '');
    expect(findings.map((finding) => [finding.rule, finding.severity, finding.path])).toEqual([['schema', 'error', '/data/retries']]);
  });

  it('turns schema off or lowers it for the sources a glob matches', () => {
    expect(builtInFindings(CONFIG_MAP(), 'rules: {schema: off}')).toEqual([]);
    const lowered = builtInFindings(CONFIG_MAP(), 'sources:\n  overlays/dev:\n    rules: {schema: warning}\n');
    expect(lowered.map((finding) => finding.severity)).toEqual(['warning']);
    expect(builtInFindings(CONFIG_MAP(), 'sources:\n  overlays/prod:\n    rules: {schema: warning}\n')[0]?.severity).toBe('error');
  });

  it('is excused by an exemption annotation with a reason, unless the source forbids exemptions', () => {
    const exempted = CONFIG_MAP('{ignore-check.openclaw.dev/schema: "read by a legacy tool that wants a number"}');
    expect(builtInFindings(exempted, '')).toEqual([]);
    expect(builtInFindings(exempted, 'allowExemptions: false')).toHaveLength(1);
  });

  it('refuses settings that would hide that nothing was checked', () => {
    const parse = (text: string) => () => parseRuleConfig(text, { file: 'validate.config.yaml' });
    expect(parse('rules: {render: off}')).toThrow('validate.config.yaml: rules.render: render cannot be off, only warning or error');
    expect(parse('rules: {input: warning}')).toThrow("rules.input: input cannot be configured (it reports the command's own input)");
    expect(parse('rules: {yaml-syntax: warning, duplicate-resource: off}')).not.toThrow();
  });
});

describe('kinds', () => {
  it('a rule sees only resources of the kinds it declares', () => {
    const seen: string[] = [];
    const spy: Rule = {
      id: 'spy',
      severity: 'warning',
      description: 'Records what it sees.',
      fix: 'Nothing.',
      kinds: ['Service'],
      check(context) {
        seen.push(...context.resources.map((resource) => resource.object.kind));
        seen.push(...context.index.byKind('ConfigMap').map(() => 'ConfigMap via the index'));
        return [];
      },
    };
    const yaml = `${CONFIG_MAP()}---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {ports: [{port: 80}]}\n`;
    const { resources } = parseResources(yaml, { source: 'overlays/dev', file: 'manifest.yaml' });
    evaluateRules(resources, { source: 'overlays/dev', config: parseRuleConfig('', { file: 'c.yaml' }), rules: [spy] });
    expect(seen).toEqual(['Service']);
  });
});
