// The engine: configuration per source, exemptions in annotations, and rules that break.
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { configurableRuleIds, defaultRuleConfig, parseRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import type { Rule } from '../../scripts/rules/rule.ts';
import { imageDigest } from '../../scripts/rules/workload/image-digest.ts';
import { readOnlyRootFilesystem } from '../../scripts/rules/workload/read-only-root-filesystem.ts';

const DEPLOYMENT = (annotations: string, templateAnnotations = '') => `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
${annotations || '    {}'}
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
      annotations:
${templateAnnotations || '        {}'}
    spec:
      containers:
        - name: app
          image: ghcr.io/example/app:1.0.0
        - name: browser
          image: ghcr.io/example/browser:1.0.0
`;

function run(yaml: string, options: { source?: string; config?: string; rules?: readonly Rule[] } = {}) {
  const source = options.source ?? 'overlays/dev';
  const { resources, findings } = parseResources(yaml, { source, file: 'manifest.yaml' });
  expect(findings).toEqual([]);
  const config = options.config === undefined ? defaultRuleConfig : parseRuleConfig(options.config, { file: 'validate.config.yaml' });
  return evaluateRules(resources, { source, config, rules: options.rules ?? [readOnlyRootFilesystem] });
}

const summary = (findings: ReturnType<typeof run>) => findings.map((f) => `${f.rule} ${f.severity} ${f.path}`).sort();

describe('exemptions', () => {
  it('reports every container without exemptions', () => {
    expect(summary(run(DEPLOYMENT('')))).toEqual([
      'read-only-root-filesystem error /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem',
    ]);
  });

  it('exempts the whole resource with a reason on the workload metadata', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem: "both write caches next to the binary"');
    expect(run(yaml)).toEqual([]);
  });

  it('exempts only the named container with a container-scoped annotation', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem.browser: "Chromium writes its profile"');
    expect(summary(run(yaml))).toEqual([
      'read-only-root-filesystem error /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
    ]);
  });

  it('accepts the annotation on the pod template metadata', () => {
    const yaml = DEPLOYMENT('', '        ignore-check.openclaw.dev/read-only-root-filesystem.app: "writes /var/cache"');
    expect(summary(run(yaml))).toEqual([
      'read-only-root-filesystem error /spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem',
    ]);
  });

  it('does not apply an exemption without a reason and reports it as an error', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem: "  "');
    const findings = run(yaml);
    expect(summary(findings)).toEqual([
      'exemption-reason error /metadata/annotations/ignore-check.openclaw.dev~1read-only-root-filesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem',
    ]);
    expect(findings.find((f) => f.rule === 'exemption-reason')?.line).toBe(7);
  });

  it('warns about an exemption naming an unknown rule', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-rootfs: "typo"');
    const findings = run(yaml);
    expect(summary(findings)).toContain('exemption-unknown-rule warning /metadata/annotations/ignore-check.openclaw.dev~1read-only-rootfs');
    expect(findings.find((f) => f.rule === 'exemption-unknown-rule')?.message).toContain('read-only-rootfs');
  });

  it('warns about an exemption scoped to a container the pod template does not have, naming those it has', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem.nosuchcontainer: "typo"');
    const findings = run(yaml);
    expect(summary(findings)).toEqual([
      'exemption-unknown-container warning /metadata/annotations/ignore-check.openclaw.dev~1read-only-root-filesystem.nosuchcontainer',
      'read-only-root-filesystem error /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem',
    ]);
    const message = findings.find((f) => f.rule === 'exemption-unknown-container')?.message;
    expect(message).toContain('"nosuchcontainer"');
    expect(message).toContain('app, browser');
  });

  it('lets a configuration checked against the known rule ids turn the unknown-container warning off', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem.nosuchcontainer: "typo"');
    const config = parseRuleConfig('rules:\n  exemption-unknown-container: off\n', { file: 'validate.config.yaml', knownRules: configurableRuleIds() });
    const { resources } = parseResources(yaml, { source: 'overlays/dev', file: 'manifest.yaml' });
    const findings = evaluateRules(resources, { source: 'overlays/dev', config, rules: [readOnlyRootFilesystem] });
    expect(findings.map((f) => f.rule)).toEqual(['read-only-root-filesystem', 'read-only-root-filesystem']);
  });

  it('ignores exemptions, and says so, where the configuration forbids them', () => {
    const yaml = DEPLOYMENT('    ignore-check.openclaw.dev/read-only-root-filesystem: "both write caches"');
    const config = 'sources:\n  overlays/prod:\n    allowExemptions: false\n';
    expect(run(yaml, { source: 'overlays/dev', config })).toEqual([]);
    expect(summary(run(yaml, { source: 'overlays/prod', config }))).toEqual([
      'exemption-forbidden warning /metadata/annotations/ignore-check.openclaw.dev~1read-only-root-filesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/0/securityContext/readOnlyRootFilesystem',
      'read-only-root-filesystem error /spec/template/spec/containers/1/securityContext/readOnlyRootFilesystem',
    ]);
  });
});

describe('configuration', () => {
  const CONFIG = `
rules:
  image-digest: warning
sources:
  overlays/prod:
    rules:
      image-digest: error
  overlays/dev:
    rules:
      read-only-root-filesystem: off
`;

  it('changes severity per overlay', () => {
    const yaml = DEPLOYMENT('');
    const rules = [imageDigest];
    expect(new Set(run(yaml, { source: 'overlays/prod', config: CONFIG, rules }).map((f) => f.severity))).toEqual(new Set(['error']));
    expect(new Set(run(yaml, { source: 'overlays/staging', config: CONFIG, rules }).map((f) => f.severity))).toEqual(new Set(['warning']));
  });

  it('turns a rule off for one overlay only', () => {
    const yaml = DEPLOYMENT('');
    expect(run(yaml, { source: 'overlays/dev', config: CONFIG })).toEqual([]);
    expect(run(yaml, { source: 'overlays/prod', config: CONFIG })).toHaveLength(2);
  });

  it('passes production and per-rule options to the rules, merged over the global ones', () => {
    let seen: unknown;
    const probe: Rule = {
      id: 'probe',
      severity: 'warning',
      description: 'records its settings',
      fix: 'none',
      kinds: ['*'],
      check: (context) => {
        seen = context.settings;
        return [];
      },
    };
    const config = `
options:
  probe: {external: {secrets: [a]}, selector: {release: prometheus}}
sources:
  overlays/*:
    production: true
    options:
      probe: {selector: {release: kube-prometheus}}
`;
    run(DEPLOYMENT(''), { source: 'overlays/prod', config, rules: [probe] });
    expect(seen).toMatchObject({
      production: true,
      options: { probe: { external: { secrets: ['a'] }, selector: { release: 'kube-prometheus' } } },
    });
  });
});

describe('a rule that throws', () => {
  it('becomes one error finding and does not stop the other rules', () => {
    const broken: Rule = {
      id: 'broken',
      severity: 'warning',
      description: 'throws',
      fix: 'none',
      kinds: ['*'],
      check: () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const findings = run(DEPLOYMENT(''), { rules: [broken, readOnlyRootFilesystem] });
    expect(findings.filter((f) => f.rule === 'broken')).toEqual([
      {
        rule: 'broken',
        severity: 'error',
        message: 'internal error in rule broken: cannot read properties of undefined',
        source: 'overlays/dev',
      },
    ]);
    expect(findings.filter((f) => f.rule === 'read-only-root-filesystem')).toHaveLength(2);
  });
});

describe('the registry', () => {
  it('runs by default when no rules are given', () => {
    const { resources } = parseResources(DEPLOYMENT(''), { source: 'overlays/dev', file: 'manifest.yaml' });
    const findings = evaluateRules(resources, { source: 'overlays/dev', config: defaultRuleConfig });
    expect(findings.map((f) => f.rule)).toContain('liveness-probe');
    expect(findings.map((f) => f.rule)).toContain('run-as-non-root');
  });
});
