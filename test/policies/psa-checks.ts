// pod-security-admission's check ids and the rules that mirror each, shared by the restricted-parity test and
// the peer-agreement test (test/peers), which both read the fixtures of test/fixtures/pod-security.
import { join } from 'node:path';

export const POD_SECURITY_FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'pod-security');

/** pod-security-admission's check ids (policy/check_*.go) at 1.36, and the rules that mirror each one. */
export const PSA_CHECKS: Readonly<Record<string, readonly string[]>> = {
  hostNamespaces: ['no-host-namespaces'],
  privileged: ['no-privileged'],
  capabilities_baseline: ['added-capabilities'],
  capabilities_restricted: ['drop-all-capabilities'],
  // restrictedVolumes overrides hostPathVolumes under restricted: both rules name the hostPath volume.
  hostPathVolumes: ['no-host-path', 'restricted-volume-types'],
  hostPorts: ['no-host-port'],
  appArmorProfile: ['apparmor-profile'],
  seLinuxOptions: ['selinux-options'],
  procMount_restricted: ['no-proc-mount'],
  seccompProfile_baseline: ['seccomp-unconfined'],
  seccompProfile_restricted: ['seccomp-profile'],
  sysctls: ['sysctls'],
  windowsHostProcess: ['windows-host-process'],
  hostProbesAndHostLifecycle: ['probe-host'],
  restrictedVolumes: ['restricted-volume-types'],
  allowPrivilegeEscalation: ['no-privilege-escalation'],
  runAsNonRoot: ['run-as-non-root'],
  runAsUser: ['run-as-non-root'],
};

export const POD_SECURITY_RULE_IDS: readonly string[] = [...new Set(Object.values(PSA_CHECKS).flat())];
