import type { Rule, Violation } from '../rule.ts';
import { podViolation, POD_SECURITY_KINDS } from './lib/containers.ts';
import { targetMinor } from '../lib/kubernetes-version.ts';
import { isRecord, listAt } from '../lib/read.ts';

// PSS baseline (check_sysctls.go): the safe set grew by policy version; each sysctl with the minor release
// from which pod-security-admission allows it.
export const SAFE_SYSCTLS_SINCE: Readonly<Record<string, number>> = {
  'kernel.shm_rmid_forced': 0,
  'net.ipv4.ip_local_port_range': 0,
  'net.ipv4.tcp_syncookies': 0,
  'net.ipv4.ping_group_range': 0,
  'net.ipv4.ip_unprivileged_port_start': 0,
  'net.ipv4.ip_local_reserved_ports': 27,
  'net.ipv4.tcp_keepalive_time': 29,
  'net.ipv4.tcp_fin_timeout': 29,
  'net.ipv4.tcp_keepalive_intvl': 29,
  'net.ipv4.tcp_keepalive_probes': 29,
  'net.ipv4.tcp_rmem': 32,
  'net.ipv4.tcp_wmem': 32,
};

export const sysctls: Rule = {
  id: 'sysctls',
  severity: 'error',
  // Pod Security Standards, baseline level.
  profile: 'baseline',
  description:
    'Pods set only the sysctls PSS baseline considers safe for the target Kubernetes version (ip_local_reserved_ports from 1.27, tcp_keepalive_* and tcp_fin_timeout from 1.29, tcp_rmem and tcp_wmem from 1.32).',
  fix: 'Remove the sysctl from securityContext.sysctls, or set it on the node instead.',
  kinds: POD_SECURITY_KINDS,
  equivalents: { kubeLinter: 'unsafe-sysctls' },
  check: (context) => {
    const minor = targetMinor(context);
    const violations: Violation[] = [];
    for (const template of context.index.podTemplates) {
      listAt(template.spec, 'securityContext', 'sysctls').forEach((sysctl, index) => {
        if (!isRecord(sysctl)) return;
        const name = String(sysctl.name);
        const since = SAFE_SYSCTLS_SINCE[name];
        if (since !== undefined && since <= minor) return;
        const message =
          since === undefined
            ? `sysctl ${name} is not in the safe set`
            : `sysctl ${name} is safe only from Kubernetes 1.${since}; the target is 1.${minor}`;
        violations.push(podViolation(template, `/securityContext/sysctls/${index}/name`, message));
      });
    }
    return violations;
  },
};
