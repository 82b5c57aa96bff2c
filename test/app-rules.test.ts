// The app-config-schema and allowed-origins rules over pass/fail renders, with OpenClaw's vendored schema.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppSchema } from '../scripts/lib/app-config/app-schema.ts';
import { loadAppSchemas } from '../scripts/lib/app-config/load.ts';
import { ConfigError } from '../scripts/lib/cli/config-error.ts';
import { parseResources } from '../scripts/lib/parse/resources.ts';
import { findingAt } from '../scripts/lib/model.ts';
import { allowedOrigins } from '../scripts/rules/app/allowed-origins.ts';
import { appConfigSchema } from '../scripts/rules/app/app-config-schema.ts';
import { buildIndex } from '../scripts/rules/resource-index.ts';
import { NO_EXTERNAL_OBJECTS, type Rule, type RuleContext } from '../scripts/rules/rule.ts';

const root = join(import.meta.dirname, '..');
const SCHEMA = 'schemas/apps/openclaw/2026.9.6.json';
const schemas = loadAppSchemas({ options: { 'app-config-schema': { configs: [{ configMap: 'openclaw-gateway-config', key: 'openclaw.json', schema: SCHEMA, format: 'json5' }] } }, sources: [] }, root);
const options = {
  'app-config-schema': { configs: [{ configMap: 'openclaw-gateway-config', key: 'openclaw.json', schema: SCHEMA, format: 'json5' }] },
  'allowed-origins': { configMap: 'openclaw-gateway-config' },
};

function run(rule: Rule, fixture: string) {
  const file = `test/fixtures/app-rules/${fixture}.yaml`;
  const { resources } = parseResources(readFileSync(join(root, file), 'utf8'), { source: 'fixture', file });
  const context: RuleContext = { source: 'fixture', resources, index: buildIndex(resources), settings: { production: false, external: NO_EXTERNAL_OBJECTS, options, appSchemas: schemas } };
  return rule.check(context).map((violation) => ({ ...violation, finding: findingAt(violation.resource, { rule: rule.id, severity: rule.severity, message: violation.message }, violation.path) }));
}

describe('app-config-schema', () => {
  it('passes a JSON5 config the schema accepts', () => {
    expect(run(appConfigSchema, 'gateway')).toEqual([]);
  });

  it('reports an unknown key and a value outside the enum at their lines inside the embedded config', () => {
    const violations = run(appConfigSchema, 'config-invalid');
    expect(violations.map((v) => v.message)).toEqual([
      expect.stringContaining('gateway.tokn (/gateway/tokn): unknown key "tokn"'),
      expect.stringContaining('gateway.bind (/gateway/bind): must be one of "auto", "lan", "loopback", "custom", "tailnet"'),
    ]);
    // The block scalar starts below `openclaw.json: |` (line 6): bind is the text's line 6, tokn its line 7.
    expect(violations.map((v) => [v.finding.file, v.finding.line, v.finding.path])).toEqual([
      ['test/fixtures/app-rules/config-invalid.yaml', 13, '/data/openclaw.json'],
      ['test/fixtures/app-rules/config-invalid.yaml', 12, '/data/openclaw.json'],
    ]);
    expect(violations[0]!.finding.severity).toBe('error');
  });

  it('reports a syntax error with its position', () => {
    const [violation, ...rest] = run(appConfigSchema, 'config-syntax');
    expect(rest).toEqual([]);
    expect(violation!.message).toMatch(/openclaw.json is not valid JSON5: expected ',' or '}' at line 5, column 5/);
  });

  it('says so when the schema was not loaded instead of passing silently', () => {
    const file = 'test/fixtures/app-rules/gateway.yaml';
    const { resources } = parseResources(readFileSync(join(root, file), 'utf8'), { source: 'fixture', file });
    const violations = appConfigSchema.check({ source: 'fixture', resources, index: buildIndex(resources), settings: { production: false, external: NO_EXTERNAL_OBJECTS, options } });
    expect(violations.map((v) => v.message)).toEqual([expect.stringContaining(`schema ${SCHEMA} was not loaded`)]);
  });

  it('refuses a schema path outside the repository at configuration time', () => {
    const outside = { options: { 'app-config-schema': { configs: [{ configMap: 'c', key: 'k', schema: '../elsewhere.json' }] } }, sources: [] };
    expect(() => loadAppSchemas(outside, root)).toThrow(/must be a path inside the repository/);
  });

  it('refuses a missing schema at configuration time, and a broken one when a config is first checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-schema-'));
    writeFileSync(join(dir, 'broken.json'), '{nope');
    const declare = (schema: string) => ({ options: { 'app-config-schema': { configs: [{ configMap: 'c', key: 'k', schema }] } }, sources: [] });
    expect(() => loadAppSchemas(declare('missing.json'), dir)).toThrow('cannot read schema missing.json (ENOENT)');
    const broken = loadAppSchemas(declare('broken.json'), dir).get('broken.json');
    expect(() => broken?.validate({})).toThrow(ConfigError);
  });

  it('validates sections without compiling the whole schema, nested plugin $defs included', () => {
    const schema = new AppSchema('inline', JSON.parse(readFileSync(join(root, SCHEMA), 'utf8')) as Record<string, unknown>);
    expect(schema.validate({ gateway: { port: 'x' }, nonsense: true }).map((e) => e.pointer)).toEqual(['/gateway/port', '/nonsense']);
  });
});

describe('allowed-origins', () => {
  it('passes when the routed host is allowed through ${VAR} from the container env', () => {
    expect(run(allowedOrigins, 'gateway')).toEqual([]);
  });

  it('reports a host routed to the gateway that the config does not allow, on the host field', () => {
    const violations = run(allowedOrigins, 'host-not-allowed');
    expect(violations.map((v) => [v.resource.object.kind, v.path])).toEqual([['HTTPRoute', '/spec/hostnames/0']]);
    expect(violations[0]!.message).toContain('https://chat.example.org is not in gateway.controlUi.allowedOrigins');
  });

  it('reports a non-loopback bind without allowedOrigins, and the Ingress host it leaves refused', () => {
    const violations = run(allowedOrigins, 'lan-without-origins');
    expect(violations.map((v) => [v.resource.object.kind, v.path])).toEqual([
      ['Deployment', '/spec/template/spec/containers/0/args'],
      ['Ingress', '/spec/rules/0/host'],
    ]);
    expect(violations[0]!.message).toContain('binds the gateway to "lan" (non-loopback)');
  });

  it('does nothing until the configuration names the gateway config', () => {
    const file = 'test/fixtures/app-rules/lan-without-origins.yaml';
    const { resources } = parseResources(readFileSync(join(root, file), 'utf8'), { source: 'fixture', file });
    expect(allowedOrigins.check({ source: 'fixture', resources, index: buildIndex(resources), settings: { production: false, external: NO_EXTERNAL_OBJECTS, options: {} } })).toEqual([]);
  });
});
