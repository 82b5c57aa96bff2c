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
          const findings = evaluateRules(fixture.resources, {
            source: fixture.source,
            config: fixture.config,
            rules: [rule],
            kubernetesVersion: fixture.kubernetesVersion,
          });
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

  it('marks an equivalent that checks only part of the rule as partial, and names the setting that makes one match', () => {
    const equivalentsOf = (id: string) => workloadRules.find((rule) => rule.id === id)?.equivalents;
    // kube-linter checks NET_RAW only; sensitive-host-mounts only /, /boot, /dev, /etc, /lib, /proc, /sys, /usr;
    // Polaris linuxHardening passes on AppArmor, SELinux or dropped capabilities as well as seccomp.
    expect(equivalentsOf('drop-all-capabilities')?.kubeLinter).toBe('drop-net-raw-capability (partial)');
    expect(equivalentsOf('no-host-path')?.kubeLinter).toBe('sensitive-host-mounts (partial)');
    expect(equivalentsOf('seccomp-profile')?.polaris).toBe('linuxHardening (partial)');
    expect(equivalentsOf('secret-in-env')?.kubeLinter).toBe('env-var-secret (partial)');
    expect(equivalentsOf('image-pull-policy')?.polaris).toBe('pullPolicyNotAlways (partial)');
    // kube-linter checks CPU requests and memory limits by default; the other half needs requirementsType.
    expect(equivalentsOf('cpu-requests')?.kubeLinter).toBe('unset-cpu-requirements');
    expect(equivalentsOf('cpu-limits')?.kubeLinter).toBe('unset-cpu-requirements (requirementsType: limit)');
    expect(equivalentsOf('memory-limits')?.kubeLinter).toBe('unset-memory-requirements');
    expect(equivalentsOf('memory-requests')?.kubeLinter).toBe('unset-memory-requirements (requirementsType: request)');
  });
});
