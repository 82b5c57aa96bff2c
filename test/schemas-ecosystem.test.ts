// The CRDs most GitOps repositories are made of besides Flux: monitoring, Gateway API, progressive delivery,
// autoscaling, sealed secrets and Istio. Each schema accepts a manifest in its project's documented shape and
// rejects a misspelled field.
import { describe, expect, it } from 'vitest';
import { schemaErrors as errorsOf } from './helpers/strict-schemas.ts';

const cases: { file: string; manifest: string; typo: [from: string, to: string, error: string] }[] = [
  {
    file: 'monitoring.coreos.com/prometheus_v1.json',
    manifest: `
apiVersion: monitoring.coreos.com/v1
kind: Prometheus
metadata: {name: k8s, namespace: monitoring}
spec:
  replicas: 2
  serviceAccountName: prometheus
  serviceMonitorSelector: {matchLabels: {release: prometheus}}
  ruleSelector: {matchLabels: {role: alert-rules}}
  resources: {requests: {memory: 400Mi, cpu: 1}}
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: kubernetes.io/hostname, whenUnsatisfiable: ScheduleAnyway}]`,
    typo: ['ruleSelector', 'rulesSelector', '/spec must NOT have additional properties'],
  },
  {
    file: 'monitoring.coreos.com/alertmanagerconfig_v1alpha1.json',
    manifest: `
apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: {name: team, namespace: openclaw}
spec:
  route: {receiver: webhook, groupBy: [job], groupWait: 30s}
  receivers: [{name: webhook, webhookConfigs: [{url: "http://hook.example/alert"}]}]`,
    typo: ['groupWait', 'groupWiat', '/spec/route must NOT have additional properties'],
  },
  {
    file: 'monitoring.coreos.com/scrapeconfig_v1alpha1.json',
    manifest: `
apiVersion: monitoring.coreos.com/v1alpha1
kind: ScrapeConfig
metadata: {name: static, namespace: monitoring}
spec:
  staticConfigs: [{targets: ["gateway.openclaw:18789"], labels: {job: gateway}}]
  metricsPath: /api/diagnostics/prometheus`,
    typo: ['metricsPath', 'metricPath', '/spec must NOT have additional properties'],
  },
  {
    file: 'gateway.networking.k8s.io/grpcroute_v1.json',
    manifest: `
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: api}
spec:
  parentRefs: [{name: public}]
  rules: [{matches: [{method: {service: pkg.Api}}], backendRefs: [{name: api, port: 9000}]}]`,
    typo: ['service: pkg.Api', 'servce: pkg.Api', '/spec/rules/0/matches/0/method must NOT have additional properties'],
  },
  {
    file: 'gateway.networking.k8s.io/httproute_v1beta1.json',
    manifest: `
apiVersion: gateway.networking.k8s.io/v1beta1
kind: HTTPRoute
metadata: {name: web}
spec:
  hostnames: [claw.example.com]
  parentRefs: [{name: public, sectionName: https}]
  rules: [{backendRefs: [{name: gateway, port: 18789}]}]`,
    typo: ['port: 18789', 'port: "18789"', '/spec/rules/0/backendRefs/0/port must be integer'],
  },
  {
    file: 'argoproj.io/rollout_v1alpha1.json',
    manifest: `
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]}
  strategy: {canary: {steps: [{setWeight: 20}, {pause: {duration: 1h}}]}}`,
    typo: ['setWeight: 20', 'setWieght: 20', '/spec/strategy/canary/steps/0 must NOT have additional properties'],
  },
  {
    file: 'keda.sh/scaledobject_v1alpha1.json',
    manifest: `
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  minReplicaCount: 0
  maxReplicaCount: 10
  triggers: [{type: prometheus, metadata: {serverAddress: "http://prometheus:9090", query: "sum(rate(jobs[1m]))", threshold: "5"}}]`,
    typo: ['maxReplicaCount', 'maxReplicas', '/spec must NOT have additional properties'],
  },
  {
    file: 'bitnami.com/sealedsecret_v1alpha1.json',
    manifest: `
apiVersion: bitnami.com/v1alpha1
kind: SealedSecret
metadata: {name: token, namespace: openclaw}
spec:
  encryptedData: {token: AgBy3i4OJSWK+PiTySYZZA==}
  template: {metadata: {name: token}, type: Opaque}`,
    typo: ['encryptedData', 'encryptedDta', '/spec must NOT have additional properties'],
  },
  {
    file: 'networking.istio.io/virtualservice_v1.json',
    manifest: `
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
    - match: [{headers: {end-user: {exact: jason}}}]
      route: [{destination: {host: reviews, subset: v2, port: {number: 9080}}, weight: 100}]
      timeout: 5s`,
    typo: ['timeout: 5s', 'timout: 5s', '/spec/http/0 must NOT have additional properties'],
  },
  {
    file: 'security.istio.io/authorizationpolicy_v1.json',
    manifest: `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: allow-ingress, namespace: openclaw}
spec:
  action: ALLOW
  selector: {matchLabels: {app: gateway}}
  rules: [{from: [{source: {principals: ["cluster.local/ns/istio-system/sa/ingress"]}}]}]`,
    typo: ['action: ALLOW', 'action: PERMIT', '/spec/action must be equal to one of the allowed values'],
  },
];

describe('ecosystem CRD schemas', () => {
  for (const { file, manifest, typo } of cases) {
    it(`${file} accepts a documented manifest and rejects a typo`, () => {
      expect(errorsOf(file, manifest)).toEqual([]);
      expect(errorsOf(file, manifest.replace(typo[0], typo[1]))).toContain(typo[2]);
    });
  }
});
