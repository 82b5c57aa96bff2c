// Every workload rule against its fixtures: each file states the findings it must produce, no more, no less.
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { workloadRules } from '../../scripts/rules/workload/index.ts';
import { describeRuleFixtures, loadFixture } from './fixtures.ts';

describe('workload rules', () => {
  describeRuleFixtures(workloadRules);

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
