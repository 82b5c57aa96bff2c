// The custom resources vendored, and the @kubernetes-models package that types each of them.

export interface CustomKind {
  package: string;
  group: string;
  version: string;
  kind: string;
}

const kinds = (pkg: string, group: string, version: string, names: string[]): CustomKind[] =>
  names.map((kind) => ({ package: pkg, group, version, kind }));

const FLUX = '@kubernetes-models/flux-cd';
const FLUX_SOURCES = ['GitRepository', 'OCIRepository', 'HelmRepository', 'HelmChart', 'Bucket'];
const FLUX_IMAGES = ['ImageRepository', 'ImagePolicy', 'ImageUpdateAutomation'];

// Flux: the GA version of every kind plus the betas that repositories written for Flux 2.0–2.3 still carry.
// The v1beta1 versions are left out: Flux stopped serving them, so a manifest using one should stay unknown.
const FLUX_KINDS: CustomKind[] = [
  ...kinds(FLUX, 'source.toolkit.fluxcd.io', 'v1', [...FLUX_SOURCES, 'ExternalArtifact']),
  ...kinds(FLUX, 'source.toolkit.fluxcd.io', 'v1beta2', FLUX_SOURCES),
  ...kinds(FLUX, 'kustomize.toolkit.fluxcd.io', 'v1', ['Kustomization']),
  ...kinds(FLUX, 'kustomize.toolkit.fluxcd.io', 'v1beta2', ['Kustomization']),
  ...kinds(FLUX, 'helm.toolkit.fluxcd.io', 'v2', ['HelmRelease']),
  ...kinds(FLUX, 'helm.toolkit.fluxcd.io', 'v2beta2', ['HelmRelease']),
  ...kinds(FLUX, 'helm.toolkit.fluxcd.io', 'v2beta1', ['HelmRelease']),
  // Receiver went GA on its own; Alert and Provider are still served as v1beta3 by current Flux.
  ...kinds(FLUX, 'notification.toolkit.fluxcd.io', 'v1', ['Receiver']),
  ...kinds(FLUX, 'notification.toolkit.fluxcd.io', 'v1beta3', ['Alert', 'Provider']),
  ...kinds(FLUX, 'notification.toolkit.fluxcd.io', 'v1beta2', ['Alert', 'Provider', 'Receiver']),
  ...kinds(FLUX, 'image.toolkit.fluxcd.io', 'v1', FLUX_IMAGES),
  ...kinds(FLUX, 'image.toolkit.fluxcd.io', 'v1beta2', FLUX_IMAGES),
];

const PROMETHEUS = '@kubernetes-models/prometheus-operator';
const GATEWAY = '@kubernetes-models/gateway-api';
const ISTIO = '@kubernetes-models/istio';
const ISTIO_NETWORKING = ['DestinationRule', 'Gateway', 'ServiceEntry', 'Sidecar', 'VirtualService', 'WorkloadEntry', 'WorkloadGroup'];
const ISTIO_SECURITY = ['AuthorizationPolicy', 'PeerAuthentication', 'RequestAuthentication'];
const KYVERNO = '@kubernetes-models/kyverno';
const KYVERNO_CLEANUP = ['CleanupPolicy', 'ClusterCleanupPolicy'];
// Kyverno 1.14+'s CEL policies, each in a cluster-wide and a namespaced form.
const KYVERNO_CEL = ['ValidatingPolicy', 'ImageValidatingPolicy', 'MutatingPolicy', 'GeneratingPolicy', 'DeletingPolicy'];
const KYVERNO_CEL_ALL = [...KYVERNO_CEL, ...KYVERNO_CEL.map((kind) => `Namespaced${kind}`), 'PolicyException'];
const STRIMZI = '@kubernetes-models/strimzi-kafka-operator';
const STRIMZI_KINDS = ['Kafka', 'KafkaNodePool', 'KafkaTopic', 'KafkaUser', 'KafkaConnect', 'KafkaConnector', 'KafkaMirrorMaker2', 'KafkaBridge', 'KafkaRebalance'];

export const CUSTOM_KINDS: readonly CustomKind[] = [
  ...FLUX_KINDS,
  ...kinds('@kubernetes-models/argo-cd', 'argoproj.io', 'v1alpha1', ['Application', 'AppProject', 'ApplicationSet']),
  ...kinds('@kubernetes-models/argo-rollouts', 'argoproj.io', 'v1alpha1', ['Rollout', 'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment']),
  ...kinds(PROMETHEUS, 'monitoring.coreos.com', 'v1', ['ServiceMonitor', 'PodMonitor', 'PrometheusRule', 'Prometheus', 'Alertmanager', 'Probe', 'ThanosRuler']),
  ...kinds(PROMETHEUS, 'monitoring.coreos.com', 'v1alpha1', ['AlertmanagerConfig', 'ScrapeConfig', 'PrometheusAgent']),
  ...kinds(PROMETHEUS, 'monitoring.coreos.com', 'v1beta1', ['AlertmanagerConfig']),
  ...kinds('@kubernetes-models/cert-manager', 'cert-manager.io', 'v1', ['Certificate', 'Issuer', 'ClusterIssuer']),
  // v1 is the newest external-secrets.io version the package has; v1beta1 is still served by most installs.
  ...kinds('@kubernetes-models/external-secrets', 'external-secrets.io', 'v1', ['ExternalSecret', 'SecretStore', 'ClusterSecretStore']),
  ...kinds('@kubernetes-models/external-secrets', 'external-secrets.io', 'v1beta1', ['ExternalSecret', 'SecretStore', 'ClusterSecretStore']),
  // Gateway API: the standard channel's v1 kinds, v1beta1 that most controllers still serve, and the alphas
  // that TCP/UDP/TLS routing still needs.
  ...kinds(GATEWAY, 'gateway.networking.k8s.io', 'v1', ['Gateway', 'HTTPRoute', 'GatewayClass', 'GRPCRoute', 'ReferenceGrant', 'BackendTLSPolicy', 'TLSRoute', 'ListenerSet']),
  ...kinds(GATEWAY, 'gateway.networking.k8s.io', 'v1beta1', ['Gateway', 'HTTPRoute', 'GatewayClass', 'ReferenceGrant']),
  ...kinds(GATEWAY, 'gateway.networking.k8s.io', 'v1alpha2', ['GRPCRoute', 'TCPRoute', 'TLSRoute', 'UDPRoute', 'ReferenceGrant']),
  ...kinds(GATEWAY, 'gateway.networking.k8s.io', 'v1alpha3', ['BackendTLSPolicy', 'TLSRoute']),
  ...kinds('@kubernetes-models/keda', 'keda.sh', 'v1alpha1', ['ScaledObject', 'ScaledJob', 'TriggerAuthentication', 'ClusterTriggerAuthentication']),
  ...kinds('@kubernetes-models/keda', 'eventing.keda.sh', 'v1alpha1', ['CloudEventSource', 'ClusterCloudEventSource']),
  ...kinds('@kubernetes-models/sealed-secrets', 'bitnami.com', 'v1alpha1', ['SealedSecret']),
  ...kinds(ISTIO, 'networking.istio.io', 'v1', ISTIO_NETWORKING),
  ...kinds(ISTIO, 'networking.istio.io', 'v1beta1', [...ISTIO_NETWORKING, 'ProxyConfig']),
  ...kinds(ISTIO, 'networking.istio.io', 'v1alpha3', [...ISTIO_NETWORKING, 'EnvoyFilter']),
  ...kinds(ISTIO, 'security.istio.io', 'v1', ISTIO_SECURITY),
  ...kinds(ISTIO, 'security.istio.io', 'v1beta1', ISTIO_SECURITY),
  ...kinds(ISTIO, 'telemetry.istio.io', 'v1', ['Telemetry']),
  ...kinds(ISTIO, 'telemetry.istio.io', 'v1alpha1', ['Telemetry']),
  ...kinds(ISTIO, 'extensions.istio.io', 'v1alpha1', ['WasmPlugin']),
  // Kyverno: the classic policies (kyverno.io v1, with their v2beta1 twins), exceptions and cleanup policies
  // (v2), global context entries, and the CEL policies (policies.kyverno.io). Reports and UpdateRequests are
  // written by Kyverno itself, not kept in a repository, so they are left out.
  ...kinds(KYVERNO, 'kyverno.io', 'v1', ['ClusterPolicy', 'Policy']),
  ...kinds(KYVERNO, 'kyverno.io', 'v2', ['PolicyException', ...KYVERNO_CLEANUP, 'GlobalContextEntry']),
  ...kinds(KYVERNO, 'kyverno.io', 'v2beta1', ['ClusterPolicy', 'Policy', 'PolicyException', ...KYVERNO_CLEANUP]),
  ...kinds(KYVERNO, 'kyverno.io', 'v2alpha1', ['GlobalContextEntry']),
  ...kinds(KYVERNO, 'policies.kyverno.io', 'v1', KYVERNO_CEL_ALL),
  ...kinds(KYVERNO, 'policies.kyverno.io', 'v1beta1', KYVERNO_CEL_ALL),
  ...kinds(KYVERNO, 'policies.kyverno.io', 'v1alpha1', [...KYVERNO_CEL, 'PolicyException']),
  // Strimzi: v1beta2 (what every Strimzi release before 0.49 serves) and v1, which replaces it. StrimziPodSet
  // (core.strimzi.io) is created by the operator, so it is left out.
  ...kinds(STRIMZI, 'kafka.strimzi.io', 'v1beta2', STRIMZI_KINDS),
  ...kinds(STRIMZI, 'kafka.strimzi.io', 'v1', STRIMZI_KINDS),
];
