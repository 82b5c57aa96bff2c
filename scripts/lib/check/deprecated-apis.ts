// API versions Kubernetes has removed: objects using them are rejected by the API server of that version on.
import { compareVersions } from './schema-locations.ts';

interface RemovedApi {
  apiVersion: string;
  /** Kinds affected; every kind of the apiVersion when absent. */
  kinds?: readonly string[];
  removedIn: string;
  replacement: string;
}

// From the Kubernetes deprecated API migration guide.
const REMOVED_APIS: readonly RemovedApi[] = [
  { apiVersion: 'extensions/v1beta1', kinds: ['Ingress'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['NetworkPolicy'], removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'], removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'extensions/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.16', replacement: 'Pod Security Admission' },
  { apiVersion: 'apps/v1beta1', removedIn: '1.16', replacement: 'apps/v1' },
  { apiVersion: 'apps/v1beta2', removedIn: '1.16', replacement: 'apps/v1' },
  // Only Ingress and IngressClass: IPAddress and ServiceCIDR v1beta1 came later (1.31).
  { apiVersion: 'networking.k8s.io/v1beta1', kinds: ['Ingress', 'IngressClass'], removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1beta1', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  { apiVersion: 'rbac.authorization.k8s.io/v1alpha1', removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' },
  // Only the webhook configurations: the v1beta1 admission policies came later (1.28) and left in 1.34.
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'apiextensions.k8s.io/v1beta1', removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1' },
  { apiVersion: 'apiregistration.k8s.io/v1beta1', removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' },
  // Only TokenReview: SelfSubjectReview v1beta1 came later (1.27) and left in 1.33.
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['TokenReview'], removedIn: '1.22', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'authorization.k8s.io/v1beta1', removedIn: '1.22', replacement: 'authorization.k8s.io/v1' },
  // Only CertificateSigningRequest: ClusterTrustBundle v1beta1 came later (1.33).
  { apiVersion: 'certificates.k8s.io/v1beta1', kinds: ['CertificateSigningRequest'], removedIn: '1.22', replacement: 'certificates.k8s.io/v1' },
  // Only Lease: LeaseCandidate v1beta1 came later (1.33).
  { apiVersion: 'coordination.k8s.io/v1beta1', kinds: ['Lease'], removedIn: '1.22', replacement: 'coordination.k8s.io/v1' },
  { apiVersion: 'scheduling.k8s.io/v1beta1', removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIDriver', 'CSINode', 'StorageClass', 'VolumeAttachment'], removedIn: '1.22', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'storage.k8s.io/v1beta1', kinds: ['CSIStorageCapacity'], removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], removedIn: '1.25', replacement: 'batch/v1' },
  { apiVersion: 'discovery.k8s.io/v1beta1', removedIn: '1.25', replacement: 'discovery.k8s.io/v1' },
  { apiVersion: 'events.k8s.io/v1beta1', removedIn: '1.25', replacement: 'events.k8s.io/v1' },
  { apiVersion: 'autoscaling/v2beta1', removedIn: '1.25', replacement: 'autoscaling/v2' },
  { apiVersion: 'autoscaling/v2beta2', removedIn: '1.26', replacement: 'autoscaling/v2' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodDisruptionBudget'], removedIn: '1.25', replacement: 'policy/v1' },
  { apiVersion: 'policy/v1beta1', kinds: ['PodSecurityPolicy'], removedIn: '1.25', replacement: 'Pod Security Admission' },
  { apiVersion: 'node.k8s.io/v1beta1', removedIn: '1.25', replacement: 'node.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1', removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  // The guide lists nothing after 1.32: these betas and alphas are kinds a release's OpenAPI spec no longer has,
  // read from the vendored schemas (test/schemas-removed-apis.test.ts keeps the two in step). 1.35 has no spec of
  // its own (schemas/README.md), so what left between 1.34 and 1.36 is dated 1.36.
  { apiVersion: 'authentication.k8s.io/v1beta1', kinds: ['SelfSubjectReview'], removedIn: '1.33', replacement: 'authentication.k8s.io/v1' },
  { apiVersion: 'admissionregistration.k8s.io/v1beta1', kinds: ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'], removedIn: '1.34', replacement: 'admissionregistration.k8s.io/v1' },
  { apiVersion: 'resource.k8s.io/v1alpha3', kinds: ['DeviceClass', 'ResourceClaim', 'ResourceClaimTemplate', 'ResourceSlice'], removedIn: '1.34', replacement: 'resource.k8s.io/v1' },
  { apiVersion: 'certificates.k8s.io/v1alpha1', kinds: ['PodCertificateRequest'], removedIn: '1.36', replacement: 'certificates.k8s.io/v1beta1' },
  { apiVersion: 'storagemigration.k8s.io/v1alpha1', kinds: ['StorageVersionMigration'], removedIn: '1.36', replacement: 'storagemigration.k8s.io/v1beta1' },
  { apiVersion: 'storage.k8s.io/v1alpha1', kinds: ['VolumeAttributesClass'], removedIn: '1.36', replacement: 'storage.k8s.io/v1' },
];

export interface Removal {
  removedIn: string;
  replacement: string;
}

/** The removal that applies to this apiVersion/kind at the target Kubernetes version, if any. */
export function removalOf(apiVersion: string, kind: string, kubernetesVersion: string): Removal | undefined {
  return REMOVED_APIS.find(
    (api) =>
      api.apiVersion === apiVersion &&
      (api.kinds === undefined || api.kinds.includes(kind)) &&
      compareVersions(kubernetesVersion, api.removedIn) >= 0,
  );
}
