// Rules changed by the clean-up of duplicated rule logic, against fixtures that pin where their behaviour
// moved (test/fixtures/rule-cleanup/<rule id>/*.yaml, in the policy fixtures' header format).
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { pdbSelector } from '../../scripts/rules/cross/pdb-selector.ts';
import { pdbMissing } from '../../scripts/rules/workload/pdb-missing.ts';
import { secretInEnv } from '../../scripts/rules/workload/secret-in-env.ts';
import { describeRuleFixtures, loadFixture } from '../policies/fixtures.ts';

const ROOT = fileURLToPath(new URL('../fixtures/rule-cleanup', import.meta.url));

describe('rules after the clean-up', () => {
  describeRuleFixtures([pdbMissing, secretInEnv], ROOT);

  it('pdb-missing and pdb-selector agree on which workloads a budget selects', () => {
    const fixture = loadFixture('pdb-missing', 'controller-label-exists.yaml', ROOT);
    const findings = evaluateRules(fixture.resources, { source: fixture.source, config: fixture.config, rules: [pdbMissing, pdbSelector] });
    expect(findings.map((f) => f.rule)).toEqual([]);
  });
});
