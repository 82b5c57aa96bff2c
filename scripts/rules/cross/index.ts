import type { Rule } from '../rule.ts';
import { configKey } from './config-key.ts';
import { configRollout } from './config-rollout.ts';
import { hpaReplicasConflict } from './hpa-replicas-conflict.ts';
import { hpaRequests } from './hpa-requests.ts';
import { hpaTarget } from './hpa-target.ts';
import { httpRouteBackend } from './httproute-backend.ts';
import { ingressBackend } from './ingress-backend.ts';
import { namespaceConsistency } from './namespace-consistency.ts';
import { networkPolicySelector } from './networkpolicy-selector.ts';
import { pdbHpa } from './pdb-hpa.ts';
import { pdbSelector } from './pdb-selector.ts';
import { prometheusRuleLabel } from './prometheus-rule-label.ts';
import { rwoMultiAttach } from './rwo-multi-attach.ts';
import { serviceAccountExists } from './service-account-exists.ts';
import { serviceSelector } from './service-selector.ts';
import { serviceTargetPort } from './service-target-port.ts';
import { serviceMonitorTarget } from './servicemonitor-target.ts';
import { volumeReferences } from './volume-references.ts';

/** Rules that check that resources of one render agree with each other. */
export const crossRules: readonly Rule[] = [
  serviceSelector,
  serviceTargetPort,
  ingressBackend,
  httpRouteBackend,
  hpaTarget,
  hpaReplicasConflict,
  hpaRequests,
  pdbSelector,
  pdbHpa,
  volumeReferences,
  configKey,
  configRollout,
  rwoMultiAttach,
  serviceAccountExists,
  serviceMonitorTarget,
  prometheusRuleLabel,
  networkPolicySelector,
  namespaceConsistency,
];

export { selectorChanges } from './selector-immutable.ts';
