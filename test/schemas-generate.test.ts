import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createOperations, groupVersionOf, kindOfModel, wiredApiModules } from '../scripts/schemas/builtin/gvk.ts';
import { parseClientModel } from '../scripts/schemas/builtin/client-models.ts';
import { specVersionOf } from '../scripts/schemas/builtin/kubernetes-version.ts';
import { generateSchemas, type SchemaTarget } from '../scripts/schemas/generator.ts';
import { SCHEMAS_DIR } from '../scripts/schemas/paths.ts';
import { readSchema, strictValidator } from './helpers/strict-schemas.ts';
import { strictSweep } from './helpers/strict-sweep.ts';

const BUILTIN = 'v1.36.0-standalone-strict';
const committedFiles = (): string[] =>
  readdirSync(SCHEMAS_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.json'))
    // schemas/apps holds applications' own config schemas, vendored as their releases print them.
    .filter((file) => !file.startsWith('apps/'))
    .sort();

// strict: true makes Ajv refuse unknown keywords, which is what the runtime contract promises.
// The runtime checks int32/int64 (their ranges) and no other format; strict mode refuses any other format.
// The behaviour tests compile the files they use once each (test/helpers/strict-schemas.ts); the sweep over
// every file compiles each distinct sub-schema once instead (test/helpers/strict-sweep.ts says why that is the
// same verdict).
const compile = strictValidator;
const errorsOf = (validate: ValidateFunction, yaml: string): string[] =>
  validate(parse(yaml)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`.trim());

describe('regenerating schemas', () => {
  const sample = new Set([
    `${BUILTIN}/deployment-apps-v1.json`,
    `${BUILTIN}/statefulset-apps-v1.json`,
    `${BUILTIN}/service-v1.json`,
    `${BUILTIN}/event-v1.json`,
    `${BUILTIN}/event-events-v1.json`,
    'monitoring.coreos.com/servicemonitor_v1.json',
    'kustomize.toolkit.fluxcd.io/kustomization_v1.json',
    'helm.toolkit.fluxcd.io/helmrelease_v2.json',
    'cert-manager.io/issuer_v1.json',
    // One file per later source package stands for the rest of it: they go through the same converter.
    'kyverno.io/clusterpolicy_v1.json',
    'kafka.strimzi.io/kafkatopic_v1beta2.json',
    'v1.32.0-standalone-strict/deployment-apps-v1.json',
    'v1.34.0-standalone-strict/service-v1.json',
    // 1.35 is bridged from 1.34 and 1.36 (builtin/bridge.ts): a file that differs between them.
    'v1.35.0-standalone-strict/deployment-apps-v1.json',
  ]);
  let outDir: string;
  let written: SchemaTarget[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'schemas-'));
    written = await generateSchemas({ outDir, select: (target) => sample.has(target.file) });
  });

  it('writes exactly the chosen subset', () => {
    expect(written.map((t) => t.file).sort()).toEqual([...sample].sort());
  });

  it('yields byte-identical files to the committed ones', () => {
    for (const file of sample) {
      expect(readFileSync(join(outDir, file), 'utf8'), file).toBe(readFileSync(join(SCHEMAS_DIR, file), 'utf8'));
    }
  });

  it('tells the two Event kinds apart by their API group', () => {
    const core = written.find((t) => t.file.endsWith('/event-v1.json'));
    const events = written.find((t) => t.file.endsWith('/event-events-v1.json'));
    expect(core?.apiVersion).toBe('v1');
    expect(events?.apiVersion).toBe('events.k8s.io/v1');
    expect(Object.keys((readSchema(`${BUILTIN}/event-events-v1.json`).properties as object))).toContain('note');
  });
});

describe('the committed schemas keep the runtime contract', () => {
  const files = committedFiles();
  // Parsed once for the sweeps below (15 MB of JSON); nothing here changes them.
  let parsed: Map<string, Record<string, unknown>> | undefined;
  const committed = (): Map<string, Record<string, unknown>> => (parsed ??= new Map(files.map((file) => [file, readSchema(file)])));

  it('cover the built-in kinds and the listed custom resources', () => {
    for (const file of [
      'deployment-apps-v1.json', 'service-v1.json', 'horizontalpodautoscaler-autoscaling-v2.json',
      'ingress-networking-v1.json', 'poddisruptionbudget-policy-v1.json', 'role-rbac-v1.json',
    ]) {
      expect(files).toContain(`${BUILTIN}/${file}`);
    }
    for (const file of [
      'source.toolkit.fluxcd.io/gitrepository_v1.json', 'kustomize.toolkit.fluxcd.io/kustomization_v1.json',
      'argoproj.io/application_v1alpha1.json', 'argoproj.io/appproject_v1alpha1.json', 'argoproj.io/applicationset_v1alpha1.json',
      'monitoring.coreos.com/servicemonitor_v1.json', 'monitoring.coreos.com/podmonitor_v1.json', 'monitoring.coreos.com/prometheusrule_v1.json',
      'cert-manager.io/certificate_v1.json', 'cert-manager.io/issuer_v1.json', 'cert-manager.io/clusterissuer_v1.json',
      'external-secrets.io/externalsecret_v1.json', 'external-secrets.io/secretstore_v1.json', 'external-secrets.io/clustersecretstore_v1.json',
      'external-secrets.io/externalsecret_v1beta1.json',
      'gateway.networking.k8s.io/gateway_v1.json', 'gateway.networking.k8s.io/httproute_v1.json', 'gateway.networking.k8s.io/gatewayclass_v1.json',
    ]) {
      expect(files).toContain(file);
    }
    expect(files.filter((f) => /list[-_]/.test(relative(BUILTIN, f).split('/').pop()!))).toEqual([]);
  });

  it('are self-contained draft-07, closed wherever properties are declared, with no non-standard keywords', () => {
    for (const [file, schema] of committed()) {
      const definitions = (schema.definitions ?? {}) as Record<string, unknown>;
      const problems: string[] = [];
      const visit = (node: unknown, at: string): void => {
        if (Array.isArray(node)) return node.forEach((child, i) => visit(child, `${at}/${i}`));
        if (node === null || typeof node !== 'object') return;
        const object = node as Record<string, unknown>;
        for (const keyword of ['$id', 'description']) if (keyword in object) problems.push(`${at} has ${keyword}`);
        if ('format' in object && !(object.type === 'integer' && (object.format === 'int32' || object.format === 'int64'))) problems.push(`${at} has format ${String(object.format)}`);
        if (object.properties && object.additionalProperties !== false) problems.push(`${at} is open`);
        if (typeof object.$ref === 'string' && !definitions[object.$ref.replace('#/definitions/', '')]) problems.push(`${at} → ${object.$ref}`);
        for (const [key, child] of Object.entries(object)) {
          if (key.startsWith('x-kubernetes')) problems.push(`${at} has ${key}`);
          if (key === 'properties' || key === 'definitions') {
            for (const [name, value] of Object.entries(child as object)) visit(value, `${at}/${key}/${name}`);
          } else visit(child, `${at}/${key}`);
        }
      };
      visit(schema, file);
      expect(problems).toEqual([]);
      expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    }
  });

  it('compile under Ajv strict mode', () => {
    // Every file, older Kubernetes minors included, each distinct sub-schema compiled once. The test above has
    // checked that every $ref resolves inside its own file, the one thing the sweep leaves to its caller.
    const older = (file: string): boolean => /^v1\.\d+\.0-standalone-strict\//.test(file) && !file.startsWith(`${BUILTIN}/`);
    expect(files.filter((file) => older(file) && /\/(deployment-apps|service|customresourcedefinition-apiextensions)-v1\.json$/.test(file))).toHaveLength(12);
    expect(strictSweep(committed())).toEqual([]);
  });

  it('have one directory per Kubernetes minor from 1.32 to 1.36 (1.35 bridged, the others from client-node)', () => {
    const versions = [...new Set(files.map((file) => /^v(\d+\.\d+)\.0-standalone-strict\//.exec(file)?.[1]).filter(Boolean))];
    expect(versions).toEqual(['1.32', '1.33', '1.34', '1.35', '1.36']);
    // ServiceCIDR went GA in 1.33: absent from the 1.32 directory, present from 1.33 on.
    expect(files).not.toContain('v1.32.0-standalone-strict/servicecidr-networking-v1.json');
    expect(files).toContain('v1.33.0-standalone-strict/servicecidr-networking-v1.json');
  });

  it('stay a modest size', () => {
    const bytes = files.reduce((sum, file) => sum + statSync(join(SCHEMAS_DIR, file)).size, 0);
    expect(bytes).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('what the schemas accept and reject', () => {
  const deployment = compile(`${BUILTIN}/deployment-apps-v1.json`);
  const service = compile(`${BUILTIN}/service-v1.json`);
  const statefulSet = compile(`${BUILTIN}/statefulset-apps-v1.json`);
  const serviceMonitor = compile('monitoring.coreos.com/servicemonitor_v1.json');
  const kustomization = compile('kustomize.toolkit.fluxcd.io/kustomization_v1.json');

  const deploymentWith = (container: string, extra = ''): string => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, labels: {app: web}}
spec:
  replicas: 3
  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
${container.replace(/^/gm, '          ')}
${extra}`;

  it('accepts a well-formed Deployment with quantities written as numbers or strings', () => {
    expect(errorsOf(deployment, deploymentWith(`
ports: [{containerPort: 8080, name: http}]
resources: {requests: {cpu: 1, memory: 512Mi}, limits: {cpu: "1.5", memory: 1Gi}}
livenessProbe: {httpGet: {path: /healthz, port: http}}
readinessProbe: {tcpSocket: {port: 8080}}`))).toEqual([]);
  });

  it('rejects a port number written as a string and replicas as a string', () => {
    expect(errorsOf(deployment, deploymentWith('ports: [{containerPort: "http"}]'))).toContain(
      '/spec/template/spec/containers/0/ports/0/containerPort must be integer',
    );
    expect(errorsOf(deployment, deploymentWith('').replace('replicas: 3', 'replicas: "3"'))).toContain('/spec/replicas must be integer');
  });

  it('rejects a misspelled field as an additional property', () => {
    const validate = deployment;
    expect(validate(parse(deploymentWith('livenessprobe: {httpGet: {path: /, port: 80}}')))).toBe(false);
    expect(validate.errors).toContainEqual(
      expect.objectContaining({ keyword: 'additionalProperties', params: { additionalProperty: 'livenessprobe' } }),
    );
  });

  it('requires apiVersion and kind of the kind itself', () => {
    expect(errorsOf(deployment, deploymentWith('').replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta1'))).toContain(
      '/apiVersion must be equal to constant',
    );
    expect(errorsOf(deployment, deploymentWith('').replace('kind: Deployment', ''))).toContain("must have required property 'kind'");
  });

  it('rejects a label or annotation whose value is not a string', () => {
    expect(errorsOf(deployment, deploymentWith('').replace('labels: {app: web}}', 'labels: {app: web, tier: 1}}'))).toContain(
      '/metadata/labels/tier must be string',
    );
    expect(errorsOf(service, 'apiVersion: v1\nkind: Service\nmetadata: {name: a, annotations: {enabled: true}}')).toContain(
      '/metadata/annotations/enabled must be string',
    );
  });

  it('accepts a Service targetPort by name or number and rejects an unknown protocol', () => {
    const svc = (port: string): string => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  ports: [${port}]`;
    expect(errorsOf(service, svc('{port: 80, targetPort: http}'))).toEqual([]);
    expect(errorsOf(service, svc('{port: 80, targetPort: 8080, protocol: TCP}'))).toEqual([]);
    expect(errorsOf(service, svc('{port: 80, protocol: HTTP}'))).toContain('/spec/ports/0/protocol must be equal to one of the allowed values');
  });

  it('accepts a PVC template inside volumeClaimTemplates without apiVersion or kind', () => {
    expect(errorsOf(statefulSet, `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: postgres:17}]}
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 10Gi}}}`)).toEqual([]);
  });

  it('checks a ServiceMonitor strictly, integers included', () => {
    const monitor = (endpoint: string): string => `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: web, labels: {release: prometheus}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [${endpoint}]`;
    expect(errorsOf(serviceMonitor, monitor('{port: http, interval: 30s, path: /metrics}'))).toEqual([]);
    expect(errorsOf(serviceMonitor, monitor('{port: http, intervall: 30s}'))).toContain('/spec/endpoints/0 must NOT have additional properties');
    expect(errorsOf(serviceMonitor, monitor('{port: http}').replace('endpoints:', 'sampleLimit: 1.5\n  endpoints:'))).toContain(
      '/spec/sampleLimit must be integer',
    );
  });

  it('accepts a Flux Kustomization with path, prune, sourceRef and interval', () => {
    const flux = `
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: {name: apps, namespace: flux-system}
spec:
  interval: 10m
  path: ./overlays/prod
  prune: true
  sourceRef: {kind: GitRepository, name: flux-system}`;
    expect(errorsOf(kustomization, flux)).toEqual([]);
    expect(errorsOf(kustomization, flux.replace('prune: true', 'prune: true\n  prunee: true'))).toContain(
      '/spec must NOT have additional properties',
    );
    expect(errorsOf(kustomization, flux.replace('  prune: true\n', ''))).toContain("/spec must have required property 'prune'");
  });

  it('lets raw JSON fields (Helm values) hold anything', () => {
    const application = compile('argoproj.io/application_v1alpha1.json');
    expect(errorsOf(application, `
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: gateway, namespace: argocd}
spec:
  project: default
  destination: {server: https://kubernetes.default.svc, namespace: openclaw}
  source:
    repoURL: https://charts.example.com
    chart: gateway
    targetRevision: 1.2.3
    helm:
      valuesObject: {replicaCount: 2, image: {tag: v1}, anything: [1, "two"]}`)).toEqual([]);
  });

  it('reads fields a custom resource inherits from a base type (cert-manager IssuerSpec)', () => {
    const issuer = compile('cert-manager.io/issuer_v1.json');
    const acme = (extra: string): string => `
apiVersion: cert-manager.io/v1
kind: Issuer
metadata: {name: letsencrypt}
spec:
  acme:
    server: https://acme-v02.api.letsencrypt.org/directory
    privateKeySecretRef: {name: letsencrypt-key}
    solvers: [{http01: {ingress: {ingressClassName: nginx}}}]${extra}`;
    expect(errorsOf(issuer, acme(''))).toEqual([]);
    expect(errorsOf(issuer, acme('\n    emial: ops@example.com'))).toContain('/spec/acme must NOT have additional properties');
  });
});

describe('reading the client-node sources', () => {
  const operation = (path: string, model: string): string => `
    async createNamespacedThing(namespace, body, _options) {
        const localVarPath = '${path}'
            .replace('{' + 'namespace' + '}', encodeURIComponent(String(namespace)));
        const serializedBody = ObjectSerializer.stringify(ObjectSerializer.serialize(body, "${model}", ""), contentType);
    }`;

  it('takes group and version from the create path and the model from the serialized body', () => {
    const source = operation('/apis/apps/v1/namespaces/{namespace}/deployments', 'V1Deployment') + operation('/api/v1/namespaces/{namespace}/events', 'CoreV1Event');
    expect(createOperations(source)).toEqual([
      { path: '/apis/apps/v1/namespaces/{namespace}/deployments', model: 'V1Deployment' },
      { path: '/api/v1/namespaces/{namespace}/events', model: 'CoreV1Event' },
    ]);
    expect(groupVersionOf('/apis/events.k8s.io/v1/namespaces/{namespace}/events')).toEqual({ group: 'events.k8s.io', version: 'v1' });
    expect(groupVersionOf('/api/v1/namespaces/{namespace}/events')).toEqual({ group: '', version: 'v1' });
  });

  it('skips subresource operations, whose path does not name the kind it sends', () => {
    expect(groupVersionOf('/api/v1/namespaces/{namespace}/pods/{name}/eviction')).toBeUndefined();
  });

  it('reads the kind from a model name whatever its prefix', () => {
    expect(kindOfModel('V1Deployment')).toBe('Deployment');
    expect(kindOfModel('CoreV1Event')).toBe('Event');
    expect(kindOfModel('V2HorizontalPodAutoscaler')).toBe('HorizontalPodAutoscaler');
    expect(kindOfModel('V1alpha1StorageVersion')).toBe('StorageVersion');
    expect(kindOfModel('V1APIService')).toBe('APIService');
  });

  it('uses only the API modules the client wires up, not leftovers of older generations', () => {
    const observable = `import { AppsV1ApiRequestFactory } from "../apis/AppsV1Api.js";\nimport { CoreV1ApiRequestFactory } from "../apis/CoreV1Api.js";`;
    expect(wiredApiModules(observable)).toEqual(['AppsV1Api.js', 'CoreV1Api.js']);
  });

  it('takes JSON keys from baseName and required-ness from the .d.ts', () => {
    const js = `V1Thing.attributeTypeMap = [
    { "name": "ref", "baseName": "$ref", "type": "string", "format": "" },
    { "name": "port", "baseName": "port", "type": "number", "format": "int32" }
];`;
    const dts = `export declare class V1Thing {\n    'ref'?: string;\n    'port': number;\n}`;
    expect(parseClientModel('V1Thing', js, dts).attributes).toEqual([
      { baseName: '$ref', type: 'string', format: '', required: false },
      { baseName: 'port', type: 'number', format: 'int32', required: true },
    ]);
  });

  it('names the Kubernetes release from the model headers', () => {
    expect(specVersionOf(' * OpenAPI spec version: release-1.36\n')).toBe('1.36.0');
    expect(specVersionOf(' * OpenAPI spec version: v1.32.0\n')).toBe('1.32.0');
  });
});
