import type { Rule } from '../rule.ts';
import { addedCapabilities } from './added-capabilities.ts';
import { apparmorProfile } from './apparmor-profile.ts';
import { automountServiceAccountToken } from './automount-service-account-token.ts';
import { clusterAdminBinding } from './cluster-admin-binding.ts';
import { cpuLimits } from './cpu-limits.ts';
import { cpuRequests } from './cpu-requests.ts';
import { defaultServiceAccount } from './default-service-account.ts';
import { dropAllCapabilities } from './drop-all-capabilities.ts';
import { duplicateEnvVar } from './duplicate-env-var.ts';
import { imageDigest } from './image-digest.ts';
import { imagePullPolicy } from './image-pull-policy.ts';
import { imageTag } from './image-tag.ts';
import { limitsExceedRequests } from './limits-exceed-requests.ts';
import { livenessProbe } from './liveness-probe.ts';
import { memoryLimits } from './memory-limits.ts';
import { memoryRequests } from './memory-requests.ts';
import { noHostNamespaces } from './no-host-namespaces.ts';
import { noHostPath } from './no-host-path.ts';
import { noHostPort } from './no-host-port.ts';
import { noPrivilegeEscalation } from './no-privilege-escalation.ts';
import { noPrivileged } from './no-privileged.ts';
import { noProcMount } from './no-proc-mount.ts';
import { plaintextSecret } from './plaintext-secret.ts';
import { probePort } from './probe-port.ts';
import { probeHost } from './probe-host.ts';
import { probesDistinct } from './probes-distinct.ts';
import { rbacPodExec } from './rbac-pod-exec.ts';
import { rbacSecretsRead } from './rbac-secrets-read.ts';
import { rbacWildcard } from './rbac-wildcard.ts';
import { readOnlyRootFilesystem } from './read-only-root-filesystem.ts';
import { readinessProbe } from './readiness-probe.ts';
import { recommendedLabels } from './recommended-labels.ts';
import { restrictedVolumeTypes } from './restricted-volume-types.ts';
import { runAsNonRoot } from './run-as-non-root.ts';
import { seccompProfile } from './seccomp-profile.ts';
import { seccompUnconfined } from './seccomp-unconfined.ts';
import { secretInEnv } from './secret-in-env.ts';
import { selinuxOptions } from './selinux-options.ts';
import { startupProbe } from './startup-probe.ts';
import { sysctls } from './sysctls.ts';
import { windowsHostProcess } from './windows-host-process.ts';

import { cronjobDeadline } from './cronjob-deadline.ts';
import { envSecretValue } from './env-secret-value.ts';
import { ephemeralStorage } from './ephemeral-storage.ts';
import { jobTtl } from './job-ttl.ts';
import { networkPolicyIsolation } from './network-policy-isolation.ts';
import { networkPolicyPeers } from './network-policy-peers.ts';
import { pdbMissing } from './pdb-missing.ts';
import { pdbPolicy } from './pdb-policy.ts';
import { pdbUnhealthyPodEvictionPolicy } from './pdb-unhealthy-pod-eviction-policy.ts';
import { rbacCreatePods } from './rbac-create-pods.ts';
import { replicaSpread } from './replica-spread.ts';
import { serviceExposure } from './service-exposure.ts';
import { statefulsetServiceName } from './statefulset-service-name.ts';
import { topologySpreadConstraints } from './topology-spread-constraints.ts';
/** Rules that read one workload (pod template) or one object at a time, grouped as in docs/policies.md. */
export const workloadRules: readonly Rule[] = [
  // Probes
  livenessProbe,
  readinessProbe,
  startupProbe,
  probePort,
  probesDistinct,
  // Resources
  cpuRequests,
  memoryRequests,
  memoryLimits,
  cpuLimits,
  limitsExceedRequests,
  ephemeralStorage,
  // Security context (Pod Security Standards)
  runAsNonRoot,
  noPrivilegeEscalation,
  dropAllCapabilities,
  addedCapabilities,
  readOnlyRootFilesystem,
  seccompProfile,
  seccompUnconfined,
  noPrivileged,
  noHostNamespaces,
  noHostPath,
  noHostPort,
  noProcMount,
  restrictedVolumeTypes,
  sysctls,
  apparmorProfile,
  selinuxOptions,
  probeHost,
  windowsHostProcess,
  // Images
  imageTag,
  imageDigest,
  imagePullPolicy,
  // Identity
  defaultServiceAccount,
  automountServiceAccountToken,
  // RBAC
  rbacWildcard,
  clusterAdminBinding,
  rbacPodExec,
  rbacSecretsRead,
  rbacCreatePods,
  // Availability and exposure (peers' checks; they read several objects of the render)
  pdbMissing,
  pdbPolicy,
  pdbUnhealthyPodEvictionPolicy,
  replicaSpread,
  topologySpreadConstraints,
  statefulsetServiceName,
  serviceExposure,
  networkPolicyIsolation,
  networkPolicyPeers,
  cronjobDeadline,
  jobTtl,
  // Hygiene
  duplicateEnvVar,
  recommendedLabels,
  secretInEnv,
  envSecretValue,
  plaintextSecret,
];
