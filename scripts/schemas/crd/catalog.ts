// The custom resources vendored, and the @kubernetes-models package that types each of them.

export interface CustomKind {
  package: string;
  group: string;
  version: string;
  kind: string;
}

const kinds = (pkg: string, group: string, version: string, names: string[]): CustomKind[] =>
  names.map((kind) => ({ package: pkg, group, version, kind }));

export const CUSTOM_KINDS: readonly CustomKind[] = [
  ...kinds('@kubernetes-models/flux-cd', 'source.toolkit.fluxcd.io', 'v1', ['GitRepository']),
  ...kinds('@kubernetes-models/flux-cd', 'kustomize.toolkit.fluxcd.io', 'v1', ['Kustomization']),
  ...kinds('@kubernetes-models/argo-cd', 'argoproj.io', 'v1alpha1', ['Application', 'AppProject', 'ApplicationSet']),
  ...kinds('@kubernetes-models/prometheus-operator', 'monitoring.coreos.com', 'v1', ['ServiceMonitor', 'PodMonitor', 'PrometheusRule']),
  ...kinds('@kubernetes-models/cert-manager', 'cert-manager.io', 'v1', ['Certificate', 'Issuer', 'ClusterIssuer']),
  // v1 is the newest external-secrets.io version the package has; v1beta1 is still served by most installs.
  ...kinds('@kubernetes-models/external-secrets', 'external-secrets.io', 'v1', ['ExternalSecret', 'SecretStore', 'ClusterSecretStore']),
  ...kinds('@kubernetes-models/external-secrets', 'external-secrets.io', 'v1beta1', ['ExternalSecret', 'SecretStore', 'ClusterSecretStore']),
  ...kinds('@kubernetes-models/gateway-api', 'gateway.networking.k8s.io', 'v1', ['Gateway', 'HTTPRoute', 'GatewayClass']),
];
