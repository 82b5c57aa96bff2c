// Pod Security "restricted" parity: one fixture per pod-security-admission check family (our own manifests,
// written from the Pod Security Standards documentation), each stating the check it exercises and the verdict
// pod-security-admission gives at the fixture's Kubernetes version. The rules, configured to PSA's exact
// semantics, must agree: a forbidden pod is reported by the rule(s) that mirror that check and by no other
// Pod Security rule; an allowed pod by none.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { parseRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { profileOf } from '../../scripts/lib/rule-meta.ts';
import { workloadRules } from '../../scripts/rules/workload/index.ts';
import { POD_SECURITY_FIXTURES, PSA_CHECKS } from './psa-checks.ts';

const DIRECTORY = POD_SECURITY_FIXTURES;

const POD_SECURITY_RULES = new Set(Object.values(PSA_CHECKS).flat());
const rules = workloadRules.filter((rule) => POD_SECURITY_RULES.has(rule.id));

// PSA's exact semantics: runAsNonRoot: true required (a non-zero runAsUser alone is not enough), and the root
// group allowed (PSA has no runAsGroup check; the rule's default follows kube-score and Polaris instead).
const PSA_CONFIG = parseRuleConfig('{options: {run-as-non-root: {requireRunAsNonRoot: true, allowRootGroup: true}}}', { file: 'pod-security.test.ts' });

interface Case {
  name: string;
  check: string;
  verdict: 'allowed' | 'forbidden';
  kubernetesVersion?: string;
  text: string;
}

function loadCases(): Case[] {
  return readdirSync(DIRECTORY)
    .filter((name) => name.endsWith('.yaml'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(DIRECTORY, name), 'utf8');
      const header = (key: string) => new RegExp(`^# ${key}: (.*)$`, 'm').exec(text)?.[1]?.trim();
      const verdict = header('verdict');
      if (verdict !== 'allowed' && verdict !== 'forbidden') throw new Error(`${name}: # verdict: allowed|forbidden is missing`);
      return { name, check: header('psa-check') ?? '', verdict, kubernetesVersion: header('kubernetes-version'), text };
    });
}

const cases = loadCases();

describe('Pod Security restricted parity', () => {
  it('names a known check in every fixture, and has a forbidden pod for every check', () => {
    for (const item of cases) expect([...Object.keys(PSA_CHECKS), 'all'], item.name).toContain(item.check);
    const forbidden = new Set(cases.filter((item) => item.verdict === 'forbidden').map((item) => item.check));
    expect([...forbidden].sort()).toEqual(Object.keys(PSA_CHECKS).sort());
  });

  it('puts each rule in the profile of its Pod Security level', () => {
    const baselineChecks = ['capabilities_baseline', 'seccompProfile_baseline', 'hostNamespaces', 'privileged', 'hostPorts', 'appArmorProfile', 'seLinuxOptions', 'procMount_restricted', 'sysctls', 'windowsHostProcess', 'hostProbesAndHostLifecycle'];
    for (const check of baselineChecks) for (const id of PSA_CHECKS[check] ?? []) expect(profileOf(rules.find((rule) => rule.id === id) ?? { profile: 'all' }), id).toBe('baseline');
    for (const rule of rules) expect(['baseline', 'restricted'], rule.id).toContain(profileOf(rule));
  });

  for (const item of cases) {
    const version = item.kubernetesVersion ? ` at ${item.kubernetesVersion}` : '';
    it(`${item.name}: ${item.check} ${item.verdict}${version}`, () => {
      const file = `test/fixtures/pod-security/${item.name}`;
      const parsed = parseResources(item.text, { source: file, file });
      expect(parsed.findings).toEqual([]);
      const findings = evaluateRules(parsed.resources, { source: file, config: PSA_CONFIG, rules, kubernetesVersion: item.kubernetesVersion });
      const reported = [...new Set(findings.map((finding) => finding.rule))].sort();
      if (item.verdict === 'allowed') {
        expect(reported).toEqual([]);
      } else {
        expect(reported.length, 'some rule reports the pod').toBeGreaterThan(0);
        for (const rule of reported) expect(PSA_CHECKS[item.check], `${rule} mirrors ${item.check}`).toContain(rule);
      }
    });
  }
});
