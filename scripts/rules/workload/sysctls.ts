import type { Rule, Violation } from '../rule.ts';
import { podViolation, WORKLOAD_KINDS } from './lib/containers.ts';
import { isRecord, listAt } from '../lib/read.ts';

// PSS baseline (check_sysctls.go), the newest allowed set: 1.27 added ip_local_reserved_ports, 1.29 the
// tcp_keepalive_* and tcp_fin_timeout, 1.32 tcp_rmem and tcp_wmem.
export const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
  'net.ipv4.tcp_rmem',
  'net.ipv4.tcp_wmem',
] as const;
const SAFE = new Set<string>(SAFE_SYSCTLS);

export const sysctls: Rule = {
  id: 'sysctls',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description: 'Pods set only the sysctls PSS baseline considers safe (namespaced and isolated from other pods).',
  fix: 'Remove the sysctl from securityContext.sysctls, or set it on the node instead.',
  kinds: WORKLOAD_KINDS,
  equivalents: { kubeLinter: 'unsafe-sysctls' },
  check: (context) => {
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      listAt(template.spec, 'securityContext', 'sysctls').forEach((sysctl, index) => {
        if (!isRecord(sysctl) || SAFE.has(String(sysctl.name))) return;
        violations.push(podViolation(template, `/securityContext/sysctls/${index}/name`, `sysctl ${String(sysctl.name)} is not in the safe set`));
      });
    }
    return violations;
  },
};
