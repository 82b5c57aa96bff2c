// What a cluster holds although no render does: the labels controllers add to the pods they create, the
// objects Kubernetes makes in every namespace, and the Services of the control plane. Rules that look an
// object up consult this before they call it missing (Kubernetes' "well-known labels" reference).
import type { Workload } from '../../resource-relations.ts';

/** Whether a label value the controller sets could be this one; the value itself is unknowable from the render. */
export type AddedLabel = (value: string) => boolean;

/** Any value: a hash or uid the controller computes. */
export const ANY: AddedLabel = () => true;
/** A pod's ordinal or index: 0, 1, 2, ... */
export const ORDINAL: AddedLabel = (value) => /^\d+$/.test(value);

/** Labels the workload's controller puts on every pod besides the template's (pod-template-hash, pod-name, ...). */
export function controllerLabels(workload: Pick<Workload, 'kind' | 'name'>): ReadonlyMap<string, AddedLabel> {
  const { kind, name } = workload;
  switch (kind) {
    case 'Deployment':
      return new Map([['pod-template-hash', ANY]]);
    case 'StatefulSet':
      return new Map<string, AddedLabel>([
        ['controller-revision-hash', ANY],
        // Pods are <statefulset>-<ordinal>; the ordinal is not bounded by replicas, an HPA may scale it.
        ['statefulset.kubernetes.io/pod-name', (value) => value.startsWith(`${name}-`) && ORDINAL(value.slice(name.length + 1))],
        ['apps.kubernetes.io/pod-index', ORDINAL],
      ]);
    case 'DaemonSet':
      return new Map([['controller-revision-hash', ANY], ['pod-template-generation', ANY]]);
    case 'Job':
      return new Map<string, AddedLabel>([
        ['job-name', (value) => value === name],
        ['batch.kubernetes.io/job-name', (value) => value === name],
        ['controller-uid', ANY],
        ['batch.kubernetes.io/controller-uid', ANY],
        ['batch.kubernetes.io/job-completion-index', ORDINAL],
      ]);
    case 'CronJob':
      // Each run is a Job named <cronjob>-<scheduled time>.
      return new Map<string, AddedLabel>([
        ['job-name', (value) => value.startsWith(`${name}-`)],
        ['batch.kubernetes.io/job-name', (value) => value.startsWith(`${name}-`)],
        ['controller-uid', ANY],
        ['batch.kubernetes.io/controller-uid', ANY],
      ]);
    default:
      return new Map();
  }
}

/** ConfigMaps the control plane publishes in every namespace (the cluster CA bundle for service account tokens). */
export const EVERY_NAMESPACE_CONFIGMAPS: readonly string[] = ['kube-root-ca.crt'];

/** The ServiceAccount every namespace gets. */
export const EVERY_NAMESPACE_SERVICE_ACCOUNT = 'default';

/** Keys the token controller fills into a Secret of type kubernetes.io/service-account-token. */
export const SERVICE_ACCOUNT_TOKEN_KEYS: readonly string[] = ['token', 'ca.crt', 'namespace'];

export interface GivenService {
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
  /** Who makes it, for messages. */
  origin: string;
}

/**
 * Services a cluster has without any render: the API server's, the cluster DNS, and the kubelet Service the
 * Prometheus operator maintains (its --kubelet-service flag, kube-system/kubelet in kube-prometheus).
 */
export const GIVEN_SERVICES: readonly GivenService[] = [
  { namespace: 'default', name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' }, origin: 'the API server' },
  { namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, origin: 'the cluster DNS add-on' },
  { namespace: 'kube-system', name: 'kubelet', labels: { 'app.kubernetes.io/name': 'kubelet', 'k8s-app': 'kubelet' }, origin: 'the Prometheus operator (kubelet endpoints)' },
];
