// Which name syntax the API server applies to each built-in kind: the `nameFn` its Validate<Kind> function
// passes to ValidateObjectMeta (k8s.io/kubernetes pkg/apis/<group>/validation). Kinds not listed here get only
// what the generic registry applies to every object, IsValidPathSegmentName.
import { dns1035Label, dns1123Label, dns1123Subdomain, pathSegmentName } from './syntax.ts';

export interface NameValidator {
  /** The Kubernetes function, for messages and docs. */
  function: string;
  check(value: string): string[];
}

const SUBDOMAIN: NameValidator = { function: 'NameIsDNSSubdomain', check: dns1123Subdomain };
const LABEL: NameValidator = { function: 'NameIsDNSLabel', check: dns1123Label };
const DNS1035: NameValidator = { function: 'NameIsDNS1035Label', check: dns1035Label };
const PATH_SEGMENT: NameValidator = { function: 'ValidatePathSegmentName', check: pathSegmentName };

const BY_KIND: Readonly<Record<string, NameValidator>> = {
  // core (ValidatePodName, ValidateConfigMapName, ValidateSecretName, ...)
  Pod: SUBDOMAIN,
  PodTemplate: SUBDOMAIN,
  ReplicationController: SUBDOMAIN,
  ConfigMap: SUBDOMAIN,
  Secret: SUBDOMAIN,
  ServiceAccount: SUBDOMAIN,
  PersistentVolume: SUBDOMAIN,
  PersistentVolumeClaim: SUBDOMAIN,
  Endpoints: SUBDOMAIN,
  LimitRange: SUBDOMAIN,
  ResourceQuota: SUBDOMAIN,
  // ValidateServiceName: a Service name becomes a DNS label that must start with a letter.
  Service: DNS1035,
  // ValidateNamespaceName
  Namespace: LABEL,
  // apps: ValidateStatefulSetName is NameIsDNSLabel (the pods' hostnames are made from it) since 1.27.
  StatefulSet: LABEL,
  Deployment: SUBDOMAIN,
  ReplicaSet: SUBDOMAIN,
  DaemonSet: SUBDOMAIN,
  ControllerRevision: SUBDOMAIN,
  // batch (the Job name also becomes a label value: see jobNameLimit)
  Job: SUBDOMAIN,
  CronJob: SUBDOMAIN,
  // networking, autoscaling, storage, scheduling
  Ingress: SUBDOMAIN,
  IngressClass: SUBDOMAIN,
  NetworkPolicy: SUBDOMAIN,
  HorizontalPodAutoscaler: SUBDOMAIN,
  StorageClass: SUBDOMAIN,
  PriorityClass: SUBDOMAIN,
  // rbac: ValidateRBACName is the path-segment check, so 'system:aggregate-to-view' is a valid name.
  Role: PATH_SEGMENT,
  ClusterRole: PATH_SEGMENT,
  RoleBinding: PATH_SEGMENT,
  ClusterRoleBinding: PATH_SEGMENT,
};

export function nameValidatorOf(kind: string): NameValidator {
  return BY_KIND[kind] ?? PATH_SEGMENT;
}

/**
 * Longest names some kinds may have, because the name is copied into something shorter: a Job's name becomes
 * the value of its pods' `batch.kubernetes.io/job-name` label (63), and a CronJob's name gets an 11-character
 * suffix in its Jobs' names (ValidateCronJobCreate: 52).
 */
export const NAME_LIMITS: Readonly<Record<string, number>> = { Job: 63, CronJob: 52 };

/** Workload kinds whose names become pod names and hostnames: the API server warns when they are not DNS labels. */
export const HOSTNAME_KINDS = new Set(['Pod', 'ReplicaSet', 'Deployment', 'Job', 'CronJob', 'ReplicationController']);
