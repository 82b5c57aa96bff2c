// Renders every overlay with the real kustomize and pins what each one promises. The gateway's own
// runtime contract (probes, replicas, config, public host) is in test/overlays/gateway.test.ts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../scripts/lib/model.ts';
import { containersOf } from '../scripts/rules/resource-index.ts';
import { ROOT, at, selects, useRenders } from './overlays/rendered.ts';

const OVERLAYS = ['overlays/dev', 'overlays/prod', 'overlays/canary'] as const;
const FIXTURES = [
  'test/fixtures/components/extras',
  'test/fixtures/components/gateway-api-canary',
  'test/fixtures/components/gateway-api-canary-split',
] as const;
type Dir = (typeof OVERLAYS)[number] | (typeof FIXTURES)[number];
const { render, ofKind, one } = useRenders([...OVERLAYS, ...FIXTURES]);

function podLabels(deployment: KubeObject): Record<string, string> {
  return at(deployment, 'spec', 'template', 'metadata', 'labels') ?? {};
}

function gatewayImage(dir: Dir): string {
  const container = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers').find(
    (c: { name: string }) => c.name === 'gateway',
  );
  return container.image;
}

describe.each([...OVERLAYS, ...FIXTURES])('%s', (dir) => {
  it('renders with kustomize and yields resources', () => {
    expect(render(dir).objects.length).toBeGreaterThan(0);
  });

  it('runs every pod as a non-root user with the RuntimeDefault seccomp profile', () => {
    expect(render(dir).templates.length).toBeGreaterThan(0);
    for (const template of render(dir).templates) {
      expect(template.spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 1000,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      expect(template.spec.automountServiceAccountToken).toBe(false);
    }
  });

  it('has only containers that cannot escalate, write their root filesystem or keep capabilities', () => {
    for (const ref of render(dir).templates.flatMap((t) => containersOf(t))) {
      expect(ref.container.securityContext, ref.name).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      });
    }
  });

  it('gives every container CPU, memory and ephemeral-storage requests and limits', () => {
    for (const ref of render(dir).templates.flatMap((t) => containersOf(t))) {
      const resources = ref.container.resources as Record<string, Record<string, string>> | undefined;
      for (const bound of ['requests', 'limits']) {
        expect(Object.keys(resources?.[bound] ?? {}).sort(), `${ref.name} ${bound}`).toEqual(['cpu', 'ephemeral-storage', 'memory']);
      }
    }
  });

  it('has long-running containers with startup, readiness and liveness probes', () => {
    const longRunning = render(dir).templates.filter((t) => t.longRunning);
    expect(longRunning.length).toBeGreaterThan(0);
    for (const ref of longRunning.flatMap((t) => containersOf(t))) {
      for (const probe of ['startupProbe', 'readinessProbe', 'livenessProbe']) {
        expect(ref.container[probe], `${ref.name} ${probe}`).toBeDefined();
      }
    }
  });

  it('uses an image pinned to a version, never latest', () => {
    for (const ref of render(dir).templates.flatMap((t) => containersOf(t))) {
      expect(String(ref.container.image)).toMatch(/:\d[\w.-]*(@sha256:[a-f0-9]{64})?$/);
    }
  });

  it('keeps mutable labels out of every selector', () => {
    for (const deployment of ofKind(dir, 'Deployment')) {
      const selector = at(deployment, 'spec', 'selector', 'matchLabels');
      expect(Object.keys(selector).sort()).toEqual([
        'app.kubernetes.io/component',
        'app.kubernetes.io/instance',
        'app.kubernetes.io/name',
      ]);
      expect(selects(selector, podLabels(deployment))).toBe(true);
    }
  });
});

describe('dev', () => {
  const dir = 'overlays/dev';

  it('runs one gateway in openclaw-dev with no way in from outside the cluster', () => {
    expect(at(one(dir, 'Deployment'), 'spec', 'replicas')).toBe(1);
    expect(ofKind(dir, 'Ingress')).toEqual([]);
    expect(ofKind(dir, 'HTTPRoute')).toEqual([]);
    expect(one(dir, 'Namespace').metadata?.name).toBe('openclaw-dev');
    const namespaces = new Set(render(dir).objects.filter((o) => o.kind !== 'Namespace').map((o) => o.metadata?.namespace));
    expect([...namespaces]).toEqual(['openclaw-dev']);
  });

  it('generates an obviously fake gateway token and wires it into the pod', () => {
    const secret = one(dir, 'Secret');
    const token = Buffer.from(at(secret, 'data', 'OPENCLAW_GATEWAY_TOKEN'), 'base64').toString();
    expect(token).toMatch(/^dev-only-/);
    const envFrom = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'envFrom');
    expect(envFrom).toContainEqual({ secretRef: { name: secret.metadata?.name } });
  });

  it('uses small claims of the default class that a kind cluster can provision', () => {
    const workspace = ofKind(dir, 'PersistentVolumeClaim').find((p) => p.metadata?.name === 'openclaw-workspace');
    expect(at(workspace, 'spec', 'resources', 'requests', 'storage')).toBe('2Gi');
    expect(at(workspace, 'spec', 'storageClassName')).toBeUndefined();
  });
});

describe('prod', () => {
  const dir = 'overlays/prod';

  it('has a PodDisruptionBudget for the gateway pod that allows its eviction', () => {
    const pdb = one(dir, 'PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(at(pdb, 'spec', 'selector', 'matchLabels'), podLabels(one(dir, 'Deployment')))).toBe(true);
    expect(at(pdb, 'spec', 'maxUnavailable')).toBe(1);
  });

  it('serves the gateway over TLS with a cert-manager certificate', () => {
    const ingress = one(dir, 'Ingress');
    expect(at(ingress, 'spec', 'ingressClassName')).toBe('nginx');
    expect(ingress.metadata?.annotations?.['cert-manager.io/cluster-issuer']).toBeTruthy();
    const hosts = at(ingress, 'spec', 'rules').map((r: { host: string }) => r.host);
    const tlsHosts = at(ingress, 'spec', 'tls').flatMap((t: { hosts: string[] }) => t.hosts);
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) expect(tlsHosts).toContain(host);
    const backend = at(ingress, 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service');
    expect(backend.name).toBe(one(dir, 'Service').metadata?.name);
  });

  it('commits no secret values: the gateway Secret comes from an ExternalSecret', () => {
    expect(ofKind(dir, 'Secret')).toEqual([]);
    const externalSecret = one(dir, 'ExternalSecret');
    expect(externalSecret.apiVersion).toBe('external-secrets.io/v1');
    expect(at(externalSecret, 'spec', 'secretStoreRef', 'kind')).toBe('ClusterSecretStore');
    const envFrom = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'envFrom');
    expect(envFrom).toContainEqual({ secretRef: { name: at(externalSecret, 'spec', 'target', 'name') } });
  });

  it('denies traffic by default, lets in the ingress controller and the blackbox exporter, and out only DNS and HTTPS', () => {
    const policies = ofKind(dir, 'NetworkPolicy');
    const deny = policies.find((p) => Object.keys(at(p, 'spec', 'podSelector') ?? {}).length === 0);
    expect(at(deny, 'spec', 'policyTypes').sort()).toEqual(['Egress', 'Ingress']);
    const allow = policies.find((p) => selects(at(p, 'spec', 'podSelector', 'matchLabels'), podLabels(one(dir, 'Deployment'))));
    const egressPorts = at(allow, 'spec', 'egress').flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port));
    expect([...new Set(egressPorts)].sort()).toEqual([443, 53]);
    const sources = at(allow, 'spec', 'ingress').flatMap((rule: { from: unknown[] }) => rule.from.map((peer) => at(peer, 'podSelector', 'matchLabels', 'app.kubernetes.io/name')));
    expect(sources.sort()).toEqual(['ingress-nginx', 'prometheus-blackbox-exporter']);
  });

  it("lets the ingress controller reach cert-manager's HTTP-01 solver pods", () => {
    const solver = ofKind(dir, 'NetworkPolicy').find((p) => at(p, 'spec', 'podSelector', 'matchLabels', 'acme.cert-manager.io/http01-solver') === 'true');
    expect(at(solver, 'spec', 'ingress', 0, 'ports')).toEqual([{ port: 8089, protocol: 'TCP' }]);
    expect(at(solver, 'spec', 'ingress', 0, 'from', 0, 'namespaceSelector', 'matchLabels')).toEqual({ 'kubernetes.io/metadata.name': 'ingress-nginx' });
  });
});

describe('canary', () => {
  const dir = 'overlays/canary';
  const prod = 'overlays/prod';
  const ids = (d: Dir) => new Set(render(d).objects.map((o) => `${o.kind}/${o.metadata?.namespace}/${o.metadata?.name}`));

  it('shares no object with prod and renders no Namespace of its own', () => {
    expect(ofKind(dir, 'Namespace')).toEqual([]);
    const prodIds = ids(prod);
    expect([...ids(dir)].filter((id) => prodIds.has(id))).toEqual([]);
    const namespaces = new Set(render(dir).objects.map((o) => o.metadata?.namespace));
    expect([...namespaces]).toEqual([one(prod, 'Namespace').metadata?.name]);
  });

  it('runs one pod of the same image repository as prod', () => {
    expect(at(one(dir, 'Deployment'), 'spec', 'replicas')).toBe(1);
    expect(gatewayImage(dir).split(':')[0]).toBe(gatewayImage(prod).split(':')[0]);
  });

  it('has selectors that never pick prod pods, and prod selectors that never pick canary pods', () => {
    const canaryPods = podLabels(one(dir, 'Deployment'));
    const prodPods = podLabels(one(prod, 'Deployment'));
    expect(canaryPods['app.kubernetes.io/instance']).not.toBe(prodPods['app.kubernetes.io/instance']);
    const selectorsOf = (d: Dir) => [
      at(one(d, 'Deployment'), 'spec', 'selector', 'matchLabels'),
      at(one(d, 'Service'), 'spec', 'selector'),
      ...ofKind(d, 'PodDisruptionBudget').map((p) => at(p, 'spec', 'selector', 'matchLabels')),
    ];
    for (const selector of selectorsOf(dir)) {
      expect(selects(selector, canaryPods)).toBe(true);
      expect(selects(selector, prodPods)).toBe(false);
    }
    for (const selector of selectorsOf(prod)) expect(selects(selector, canaryPods)).toBe(false);
  });

  it('keeps its network policy peers pointing at DNS, the ingress controller and the blackbox exporter', () => {
    const allow = ofKind(dir, 'NetworkPolicy').find((p) => at(p, 'spec', 'podSelector', 'matchLabels'));
    const peers = [...at(allow, 'spec', 'ingress'), ...at(allow, 'spec', 'egress')]
      .flatMap((rule: { from?: unknown[]; to?: unknown[] }) => [...(rule.from ?? []), ...(rule.to ?? [])])
      .map((peer) => at(peer, 'podSelector', 'matchLabels'))
      .filter(Boolean);
    expect(peers.length).toBeGreaterThan(0);
    for (const peer of peers) expect(peer).not.toHaveProperty(['app.kubernetes.io/instance']);
  });

  it('takes a weighted share of prod host through an nginx canary Ingress', () => {
    const canary = one(dir, 'Ingress');
    const prodIngress = one(prod, 'Ingress');
    expect(canary.metadata?.annotations).toMatchObject({
      'nginx.ingress.kubernetes.io/canary': 'true',
      'nginx.ingress.kubernetes.io/canary-weight': expect.stringMatching(/^\d+$/),
    });
    expect(Number(canary.metadata?.annotations?.['nginx.ingress.kubernetes.io/canary-weight'])).toBeLessThan(50);
    expect(canary.metadata?.annotations?.['cert-manager.io/cluster-issuer']).toBeUndefined();
    expect(at(canary, 'spec', 'rules', 0, 'host')).toBe(at(prodIngress, 'spec', 'rules', 0, 'host'));
    const backend = at(canary, 'spec', 'rules', 0, 'http', 'paths', 0, 'backend', 'service', 'name');
    expect(backend).toBe(one(dir, 'Service').metadata?.name);
    expect(backend).not.toBe(one(prod, 'Service').metadata?.name);
  });

  it('has claims and a Secret of its own, and never starts chat channels or scheduled jobs', () => {
    const prodClaims = new Set(ofKind(prod, 'PersistentVolumeClaim').map((p) => p.metadata?.name));
    for (const pvc of ofKind(dir, 'PersistentVolumeClaim')) expect(prodClaims.has(pvc.metadata?.name)).toBe(false);
    expect(ofKind(dir, 'Secret')).toEqual([]);
    const secretNames = (d: Dir) => at(one(d, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'envFrom').map((e: { secretRef: { name: string } }) => e.secretRef.name);
    const produced = (d: Dir) => ofKind(d, 'ExternalSecret').map((e) => at(e, 'spec', 'target', 'name'));
    expect(secretNames(dir)).toEqual(produced(dir));
    expect(secretNames(dir).filter((name: string) => secretNames(prod).includes(name))).toEqual([]);
    const storeKeys = (d: Dir) => new Set(ofKind(d, 'ExternalSecret').flatMap((e) => at(e, 'spec', 'data').map((x: { remoteRef: { key: string } }) => x.remoteRef.key)));
    expect([...storeKeys(dir)].filter((key) => storeKeys(prod).has(key))).toEqual([]);
    const env = new Map(at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'env').map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(env.get('OPENCLAW_SKIP_CHANNELS')).toBe('1');
    expect(env.get('OPENCLAW_SKIP_CRON')).toBe('1');
  });
});

describe('components no overlay uses yet', () => {
  const dir = 'test/fixtures/components/extras';

  it('browser-sidecar adds a browser that shares the workspace, and the gateway stays the default container', () => {
    const spec = at(one(dir, 'Deployment'), 'spec', 'template');
    const names = spec.spec.containers.map((c: { name: string }) => c.name).sort();
    expect(names).toEqual(['browser', 'gateway']);
    expect(spec.metadata.annotations['kubectl.kubernetes.io/default-container']).toBe('gateway');
    const mounts = (name: string) =>
      spec.spec.containers.find((c: { name: string }) => c.name === name).volumeMounts.map((m: { name: string }) => m.name);
    expect(mounts('browser')).toContain('workspace');
    expect(mounts('gateway')).toContain('workspace');
  });

  it('agent-jobs schedules bounded, non-overlapping runs of the gateway image', () => {
    const cronJob = one(dir, 'CronJob');
    expect(at(cronJob, 'spec', 'concurrencyPolicy')).toBe('Forbid');
    expect(at(cronJob, 'spec', 'jobTemplate', 'spec')).toMatchObject({
      activeDeadlineSeconds: expect.any(Number),
      backoffLimit: expect.any(Number),
    });
    const image = at(cronJob, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0, 'image');
    expect(image).toBe(gatewayImage(dir));
  });

  it('gateway-api routes the host to the gateway Service', () => {
    const route = one(dir, 'HTTPRoute');
    expect(route.apiVersion).toBe('gateway.networking.k8s.io/v1');
    expect(at(route, 'spec', 'rules', 0, 'backendRefs', 0)).toMatchObject({
      name: one(dir, 'Service').metadata?.name,
      port: 18789,
    });
  });

  it('gateway-api splits traffic with the canary by weight', () => {
    const refs = at(one('test/fixtures/components/gateway-api-canary-split', 'HTTPRoute'), 'spec', 'rules', 0, 'backendRefs');
    expect(refs.map((r: { name: string; weight: number }) => [r.name, r.weight])).toEqual([
      ['openclaw-gateway', 90],
      ['openclaw-gateway-canary', 10],
    ]);
  });
});

describe('gateway-api-canary on a prod-like overlay', () => {
  const dir = 'test/fixtures/components/gateway-api-canary';
  const canary = 'overlays/canary';
  type BackendRef = { name: string; port: number; weight: number; [field: string]: unknown };
  const backendRefs = (): BackendRef[] => at(one(dir, 'HTTPRoute'), 'spec', 'rules', 0, 'backendRefs');
  const gatewayPort = (service: KubeObject): number =>
    at(service, 'spec', 'ports').find((p: { name: string }) => p.name === 'gateway').port;
  /** The route as components/gateway-api writes it, before any overlay or component touches it. */
  const sourceRoute = (): KubeObject => parseYaml(readFileSync(`${ROOT}/components/gateway-api/httproute.yaml`, 'utf8'));
  const withoutBackends = (route: KubeObject) => {
    const { rules, hostnames: _, ...spec } = at(route, 'spec');
    return { ...spec, rules: rules.map(({ backendRefs: _refs, ...rule }: { backendRefs: unknown }) => rule) };
  };

  it("sends 90 parts to prod's Service and 10 to the canary's, on the gateway port", () => {
    const prodService = one(dir, 'Service');
    const canaryService = one(canary, 'Service');
    expect(backendRefs()).toEqual([
      { name: prodService.metadata?.name, port: gatewayPort(prodService), weight: 90 },
      { name: canaryService.metadata?.name, port: gatewayPort(canaryService), weight: 10 },
    ]);
    expect(backendRefs().map((r) => [r.name, r.port])).toEqual([
      ['openclaw-gateway', 18789],
      ['openclaw-gateway-canary', 18789],
    ]);
  });

  it("points at the Service the canary overlay renders in the route's namespace, which prod's render lacks", () => {
    const route = one(dir, 'HTTPRoute');
    const ref = backendRefs()[1];
    const canaryService = ofKind(canary, 'Service').find((s) => s.metadata?.name === ref.name);
    expect(canaryService?.metadata?.namespace).toBe(route.metadata?.namespace);
    expect(at(canaryService, 'spec', 'ports').map((p: { port: number }) => p.port)).toContain(ref.port);
    expect(ofKind(dir, 'Service').map((s) => s.metadata?.name)).not.toContain(ref.name);
  });

  it('leaves everything else of the route as components/gateway-api defines it', () => {
    const route = one(dir, 'HTTPRoute');
    const source = sourceRoute();
    expect(route.apiVersion).toBe(source.apiVersion);
    expect(route.metadata).toEqual(source.metadata);
    expect(at(route, 'spec', 'parentRefs')).toEqual(at(source, 'spec', 'parentRefs'));
    expect(withoutBackends(route)).toEqual(withoutBackends(source));
    expect(at(route, 'spec', 'hostnames')).toEqual([at(one('overlays/prod', 'Ingress'), 'spec', 'rules', 0, 'host')]);
    const { weight: _prodWeight, ...prodRef } = backendRefs()[0];
    const { weight: _sourceWeight, ...sourceRef } = at(source, 'spec', 'rules', 0, 'backendRefs', 0);
    expect(prodRef).toEqual(sourceRef);
  });
});
