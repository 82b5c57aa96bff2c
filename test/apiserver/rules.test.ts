// Every API-server rule against its fixtures (test/fixtures/apiserver/<id>/): each file states the findings it
// must produce, no more, no less; a `# kubernetes-version: X.Y` line sets the run's target version.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { renderPoliciesDoc } from '../../scripts/docs/policies.ts';
import { createValidation } from '../../scripts/lib/validation.ts';
import { apiServerRules } from '../../scripts/rules/apiserver/index.ts';
import { defaultRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { catalogue } from '../../scripts/rules/registry.ts';
import { describeRuleFixtures, loadFixture } from '../policies/fixtures.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'apiserver');

describe('API-server rules', () => {
  describeRuleFixtures(apiServerRules, FIXTURES);

  it('is refused by the version it targets: the same StatefulSet passes for 1.34 and fails for 1.35', () => {
    const { resources } = loadFixture('update-strategy', 'before-1.35.yaml', FIXTURES);
    const run = (kubernetesVersion: string) =>
      evaluateRules(resources, { source: 's', config: defaultRuleConfig, rules: apiServerRules, kubernetesVersion }).map((finding) => finding.rule);
    expect(run('1.34.0')).toEqual([]);
    expect(run('1.35')).toEqual(['update-strategy']);
  });

  it('gets the target version from --kubernetes-version through the run wiring', () => {
    const { resources } = loadFixture('update-strategy', 'before-1.35.yaml', FIXTURES);
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
