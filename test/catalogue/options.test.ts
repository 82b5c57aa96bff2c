// Typed options: every value is checked against the rule's spec when the configuration loads, and the
// settings several rules share (`external`, `repository`) are one top-level setting, old spellings warned.
import { describe, expect, it } from 'vitest';
import { parseRuleConfig, resolveSettings } from '../../scripts/rules/config.ts';

const parse = (text: string) => parseRuleConfig(text, { file: 'validate.config.yaml' });
const failure = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

describe('option values', () => {
  it.each([
    [
      'options:\n  run-as-non-root:\n    requireRunAsNonRoot: "true"\n',
      'validate.config.yaml:3: rule run-as-non-root, option requireRunAsNonRoot: expected true or false, got "true" (a string)',
    ],
    [
      'options:\n  namespace-consistency: {allow: monitoring}\n',
      'validate.config.yaml:2: rule namespace-consistency, option allow: expected a list of strings, got "monitoring" (a string)',
    ],
    [
      'options:\n  gitops-coverage:\n    require: [flux, helm]\n',
      'validate.config.yaml:3: rule gitops-coverage, option require: expected a list of flux, argocd, got ["flux","helm"] (a list)',
    ],
    [
      'sources:\n  overlays/prod:\n    options:\n      prometheus-rule-label:\n        selector: {release: 2}\n',
      'validate.config.yaml:5: rule prometheus-rule-label, option selector: expected a mapping of label names to string values, got {"release":2} (a mapping)',
    ],
    ['external:\n  secrets: openclaw\n', 'validate.config.yaml:2: external.secrets: expected a list of names, got "openclaw"'],
    ['external: {secret: [a]}\n', 'validate.config.yaml: unknown key external.secret (allowed: secrets, configMaps, persistentVolumeClaims, serviceAccounts, services, pods, workloads, networkPolicies, podDisruptionBudgets)'],
  ])('%j is one clear error naming file, line, rule and expected type', (text, message) => {
    expect(failure(text)).toBe(message);
  });

  it('accepts values of the declared types', () => {
    const config = parse('options:\n  run-as-non-root: {requireRunAsNonRoot: true}\n  gitops-coverage: {require: [argocd]}\n');
    expect(resolveSettings(config, 'overlays/dev').settings.options).toEqual({
      'run-as-non-root': { requireRunAsNonRoot: true },
      'gitops-coverage': { require: ['argocd'] },
    });
  });
});

describe('shared settings', () => {
  it('reads external and repository once, external per source', () => {
    const config = parse(`
repository: https://example.com/acme/shop
external:
  services: [web-canary]
sources:
  overlays/canary:
    external:
      secrets: [web-secrets]
`);
    const canary = resolveSettings(config, 'overlays/canary').settings;
    expect(canary.repository).toBe('https://example.com/acme/shop');
    expect(canary.external).toMatchObject({ services: ['web-canary'], secrets: ['web-secrets'], configMaps: [] });
    expect(resolveSettings(config, 'overlays/dev').settings.external.secrets).toEqual([]);
    expect(config.warnings).toBeUndefined();
  });

  it('still accepts the old per-rule spellings, with a warning that says what to write instead', () => {
    const config = parse(`
options:
  gitops-source:
    repository: https://example.com/acme/shop
  service-account-exists: {external: [gateway]}
sources:
  overlays/canary:
    options:
      volume-references:
        external:
          secrets: [web-secrets]
`);
    expect(config.warnings).toEqual([
      'validate.config.yaml:4: options.gitops-source.repository is deprecated and will be removed: write `repository: URL` at the top level',
      'validate.config.yaml:5: options.service-account-exists.external is deprecated and will be removed: write `external: {serviceAccounts: [...]}` beside `options`',
      'validate.config.yaml:11: sources.overlays/canary.options.volume-references.external is deprecated and will be removed: write `external: {secrets: [...], configMaps: [...], persistentVolumeClaims: [...]}` beside `options`',
    ]);
    const canary = resolveSettings(config, 'overlays/canary').settings;
    expect(canary).toMatchObject({ repository: 'https://example.com/acme/shop', options: {} });
    expect(canary.external).toMatchObject({ serviceAccounts: ['gateway'], secrets: ['web-secrets'] });
  });
});
