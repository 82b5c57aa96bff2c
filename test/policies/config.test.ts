import { mkdtempSync, writeFileSync } from 'node:fs';
import { NO_EXTERNAL_OBJECTS } from '../../scripts/rules/rule.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRuleConfig, parseRuleConfig, resolveSettings, sourceMatches } from '../../scripts/rules/config.ts';

const parse = (text: string) => parseRuleConfig(text, { file: 'validate.config.yaml', knownRules: ['image-digest', 'cpu-limits', 'run-as-non-root'] });

describe('validate.config.yaml', () => {
  it('reads rules, options and sources', () => {
    const config = parse(`
rules: {cpu-limits: off}
options: {run-as-non-root: {requireRunAsNonRoot: true}}
sources:
  overlays/prod: {production: true, allowExemptions: false, rules: {image-digest: error}}
`);
    expect(config.rules).toEqual({ 'cpu-limits': 'off' });
    expect(config.sources).toEqual([
      { match: 'overlays/prod', rules: { 'image-digest': 'error' }, options: {}, production: true, allowExemptions: false },
    ]);
    expect(resolveSettings(config, 'overlays/prod')).toEqual({
      rules: { 'cpu-limits': 'off', 'image-digest': 'error' },
      allowExemptions: false,
      settings: { production: true, options: { 'run-as-non-root': { requireRunAsNonRoot: true } }, external: NO_EXTERNAL_OBJECTS },
    });
    expect(resolveSettings(config, 'overlays/dev').settings.production).toBe(false);
  });

  it('treats an empty file as the defaults', () => {
    expect(parse('')).toEqual({ rules: {}, options: {}, sources: [] });
  });

  it.each([
    ['rules: {image-digst: error}', 'validate.config.yaml: rules.image-digst: unknown rule id (see --list-rules)'],
    ['rule: {image-digest: error}', 'validate.config.yaml: unknown key rule (allowed: profile, rules, options, production, allowExemptions, external, repository, sources)'],
    ['profile: strict', 'validate.config.yaml: profile must be one of schema, baseline, restricted, all (got "strict")'],
    ['rules: {image-digest: fatal}', 'validate.config.yaml: rules.image-digest must be off, warning or error (got "fatal")'],
    ['sources: {overlays/prod: {production: yes please}}', 'validate.config.yaml: sources.overlays/prod.production must be true or false'],
    ['sources: {overlays/prod: {severity: error}}', 'validate.config.yaml: unknown key sources.overlays/prod.severity (allowed: rules, options, production, allowExemptions, external)'],
    ['options: {cpu-limits: 3}', 'validate.config.yaml: options.cpu-limits must be a mapping'],
    ['options: {run-as-non-root: {requireRunAsNonRot: true}}', 'validate.config.yaml: unknown key options.run-as-non-root.requireRunAsNonRot (allowed: requireRunAsNonRoot, allowRootGroup)'],
    ['options: {image-digest: {registries: [ghcr.io]}}', 'validate.config.yaml: options.image-digest: rule image-digest takes no options'],
    ['rules: [a', 'validate.config.yaml: not valid YAML'],
    ['- a', 'validate.config.yaml: the configuration must be a mapping'],
  ])('rejects %s with one clear line', (text, message) => {
    let error: Error | undefined;
    try {
      parse(text);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message.startsWith(message)).toBe(true);
    expect(error?.message).not.toContain('\n');
  });

  it('loads a file and checks rule ids against the registry by default', () => {
    const directory = mkdtempSync(join(tmpdir(), 'policies-'));
    const file = join(directory, 'validate.config.yaml');
    writeFileSync(file, 'rules: {liveness-probe: warning, exemption-reason: warning}\n');
    expect(loadRuleConfig(file).rules).toEqual({ 'liveness-probe': 'warning', 'exemption-reason': 'warning' });
    writeFileSync(file, 'rules: {no-such-rule: warning}\n');
    expect(() => loadRuleConfig(file)).toThrow(`${file}: rules.no-such-rule: unknown rule id`);
    expect(() => loadRuleConfig(join(directory, 'missing.yaml'))).toThrow('cannot read the configuration file (ENOENT)');
  });
});

describe('source globs', () => {
  it.each([
    ['overlays/prod', 'overlays/prod', true],
    ['overlays/prod', './overlays/prod/', true],
    ['overlays/prod', 'overlays/prod/extra.yaml', true],
    ['overlays/prod', 'overlays/preprod', false],
    ['overlays/*', 'overlays/dev', true],
    ['overlays/*', 'clusters/dev', false],
    ['**/prod', 'clusters/eu/prod', true],
    ['**/prod', 'overlays/preprod', false],
  ])('%s matches %s: %s', (glob, source, expected) => {
    expect(sourceMatches(glob, source)).toBe(expected);
  });
});
