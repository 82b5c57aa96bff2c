// Which kinds live outside any namespace, for rules that ask which namespace an overlay renders into.
/** Kinds without a namespace (core, RBAC, storage, admission and well-known operators' cluster kinds). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<string> = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition', 'PersistentVolume', 'StorageClass',
  'IngressClass', 'GatewayClass', 'PriorityClass', 'RuntimeClass', 'ClusterIssuer', 'ClusterSecretStore',
  'ClusterExternalSecret', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'APIService',
  'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'CSIDriver', 'VolumeSnapshotClass', 'Node',
  'ClusterPolicy', 'ClusterImagePolicy',
]);
