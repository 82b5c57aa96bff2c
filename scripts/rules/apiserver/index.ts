import type { Rule } from '../rule.ts';
import { annotationSyntax } from './annotation-syntax.ts';
import { containerNames } from './container-names.ts';
import { containerPorts } from './container-ports.ts';
import { cronjobSchedule } from './cronjob-schedule.ts';
import { envVarName } from './env-var-name.ts';
import { ingressPath } from './ingress-path.ts';
import { intOrPercent } from './int-or-percent.ts';
import { jobSelector } from './job-selector.ts';
import { labelSyntax } from './label-syntax.ts';
import { objectName } from './object-name.ts';
import { podSpec } from './pod-spec.ts';
import { restartPolicy } from './restart-policy.ts';
import { selectorMatch } from './selector-match.ts';
import { serviceNodePort } from './service-node-port.ts';
import { servicePorts } from './service-ports.ts';
import { updateStrategy } from './update-strategy.ts';
import { volumeMounts } from './volume-mounts.ts';
import { volumeNames } from './volume-names.ts';

/**
 * What the API server itself would refuse although the OpenAPI schema accepts it: each rule mirrors a named
 * validation of k8s.io/kubernetes or k8s.io/apimachinery (its `mirrors`), so a GitOps sync never fails on it.
 */
export const apiServerRules: readonly Rule[] = [
  // Objects and their metadata
  objectName,
  labelSyntax,
  annotationSyntax,
  // Workload controllers
  selectorMatch,
  podSpec,
  restartPolicy,
  updateStrategy,
  intOrPercent,
  jobSelector,
  cronjobSchedule,
  // Pod specs
  containerNames,
  containerPorts,
  volumeNames,
  volumeMounts,
  envVarName,
  // Networking
  servicePorts,
  serviceNodePort,
  ingressPath,
];
