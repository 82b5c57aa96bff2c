// Every workload rule against its fixtures: each file states the findings it must produce, no more, no less.
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { workloadRules } from '../../scripts/rules/workload/index.ts';
import { fixtureDirectories, fixtureFiles, loadFixture } from './fixtures.ts';

const byPosition = (a: { path: string; severity: string }, b: { path: string; severity: string }) =>
  a.path.localeCompare(b.path) || a.severity.localeCompare(b.severity);

describe('workload rules', () => {
  it('has a fixture directory for every rule, each with a passing and a failing manifest', () => {
    const directories = fixtureDirectories();
    for (const rule of workloadRules) {
      expect(directories, `test/fixtures/policies/${rule.id}`).toContain(rule.id);
      const files = fixtureFiles(rule.id).map((name) => loadFixture(rule.id, name));
      expect(files.some((fixture) => fixture.expected.length === 0), `${rule.id}: a manifest that passes`).toBe(true);
      expect(files.some((fixture) => fixture.expected.length > 0), `${rule.id}: a manifest that fails`).toBe(true);
    }
  });

  for (const rule of workloadRules) {
    describe(rule.id, () => {
      for (const name of fixtureFiles(rule.id)) {
        const fixture = loadFixture(rule.id, name);
        const title = fixture.expected.length === 0 ? `${name} passes` : `${name} fails at ${fixture.expected.map((e) => e.path).join(', ')}`;
        it(title, () => {
          // Only this rule runs, so that a fixture needs no more than the fields its rule reads.
          const findings = evaluateRules(fixture.resources, { source: fixture.source, config: fixture.config, rules: [rule] });
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

  it('names the container in messages about a container', () => {
    const fixture = loadFixture('read-only-root-filesystem', 'fail.yaml');
    const [finding] = evaluateRules(fixture.resources, { source: fixture.source, config: fixture.config, rules: workloadRules.filter((r) => r.id === 'read-only-root-filesystem') });
    expect(finding.message).toContain('container "sidecar"');
  });
});
