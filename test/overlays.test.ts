// Renders every overlay with the real kustomize and pins what each one promises.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import type { KubeObject } from '../scripts/lib/model.ts';
import { renderKustomization } from '../scripts/lib/render/render.ts';
import { containersOf, podTemplateOf, type PodTemplate } from '../scripts/rules/resource-index.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OVERLAYS = ['overlays/dev', 'overlays/prod', 'overlays/canary'] as const;
const FIXTURES = [
  'test/fixtures/components/extras',
  'test/fixtures/components/gateway-api-canary',
  'test/fixtures/components/gateway-api-canary-split',
] as const;
type Dir = (typeof OVERLAYS)[number] | (typeof FIXTURES)[number];

interface Rendered {
  objects: KubeObject[];
  templates: PodTemplate[];
  problems: string[];
}

const rendered = new Map<Dir, Rendered>();

beforeAll(async () => {
  await Promise.all(
    [...OVERLAYS, ...FIXTURES].map(async (dir) => {
      const { resources, findings } = await renderKustomization(dir, { root: ROOT });
      rendered.set(dir, {
        objects: resources.map((r) => r.object),
        templates: resources.flatMap((r) => podTemplateOf(r) ?? []),
        problems: findings.map((f) => f.message),
      });
    }),
  );
});

/** The render of `dir`; a failed build fails the asking test with kustomize's message. */
function render(dir: Dir): Rendered {
  const result = rendered.get(dir);
  if (!result) throw new Error(`${dir} was not rendered`);
  if (result.problems.length > 0) throw new Error(`${dir} does not render: ${result.problems.join('; ')}`);
  return result;
}

function ofKind(dir: Dir, kind: string): KubeObject[] {
  return render(dir).objects.filter((o) => o.kind === kind);
}

function one(dir: Dir, kind: string): KubeObject {
  const found = ofKind(dir, kind);
  expect(found, `${dir} has exactly one ${kind}`).toHaveLength(1);
  return found[0];
}

function at(object: unknown, ...path: Array<string | number>): any {
  let current: any = object;
  for (const key of path) current = current?.[key];
  return current;
}

function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

function podLabels(deployment: KubeObject): Record<string, string> {
  return at(deployment, 'spec', 'template', 'metadata', 'labels') ?? {};
}

function gatewayImage(dir: Dir): string {
  const container = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers').find(
    (c: { name: string }) => c.name === 'gateway',
  );
  return container.image;
}

function claimAccessModes(dir: Dir): Map<string, string[]> {
  return new Map(ofKind(dir, 'PersistentVolumeClaim').map((pvc) => [pvc.metadata!.name!, at(pvc, 'spec', 'accessModes')]));
}

describe.each([...OVERLAYS, ...FIXTURES])('%s', (dir) => {
  it('renders with kustomize and yields resources', () => {
    expect(rendered.get(dir)?.problems).toEqual([]);
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

  it('gives every container CPU and memory requests and limits', () => {
    for (const ref of render(dir).templates.flatMap((t) => containersOf(t))) {
      const resources = ref.container.resources as Record<string, Record<string, string>> | undefined;
      for (const bound of ['requests', 'limits']) {
        expect(Object.keys(resources?.[bound] ?? {}).sort(), `${ref.name} ${bound}`).toEqual(['cpu', 'memory']);
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

  it('never mounts a ReadWriteOnce claim from a workload that can run two pods at once', () => {
    const modes = claimAccessModes(dir);
    for (const deployment of ofKind(dir, 'Deployment')) {
      const claims: string[] = (at(deployment, 'spec', 'template', 'spec', 'volumes') ?? [])
        .map((v: { persistentVolumeClaim?: { claimName: string } }) => v.persistentVolumeClaim?.claimName)
        .filter(Boolean);
      if (!claims.some((claim) => modes.get(claim)?.includes('ReadWriteOnce'))) continue;
      const hpa = ofKind(dir, 'HorizontalPodAutoscaler').find(
        (h) => at(h, 'spec', 'scaleTargetRef', 'name') === deployment.metadata?.name,
      );
      expect(at(deployment, 'spec', 'replicas') ?? 1).toBeLessThanOrEqual(1);
      expect(hpa).toBeUndefined();
      expect(at(deployment, 'spec', 'strategy', 'type')).toBe('Recreate');
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

  it('uses small ReadWriteOnce claims that a kind cluster can provision', () => {
    for (const [name, modes] of claimAccessModes(dir)) expect(modes, name).toEqual(['ReadWriteOnce']);
    const workspace = ofKind(dir, 'PersistentVolumeClaim').find((p) => p.metadata?.name === 'openclaw-workspace');
    expect(at(workspace, 'spec', 'resources', 'requests', 'storage')).toBe('2Gi');
    expect(at(workspace, 'spec', 'storageClassName')).toBeUndefined();
  });
});

describe('prod', () => {
  const dir = 'overlays/prod';

  it('lets an HPA of 2 to 10 own the replica count', () => {
    const deployment = one(dir, 'Deployment');
    const hpa = one(dir, 'HorizontalPodAutoscaler');
    expect(at(deployment, 'spec', 'replicas')).toBeUndefined();
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(at(hpa, 'spec')).toMatchObject({
      minReplicas: 2,
      maxReplicas: 10,
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata?.name },
    });
    const metrics = at(hpa, 'spec', 'metrics').map((m: { resource: { name: string } }) => m.resource.name);
    expect(metrics.sort()).toEqual(['cpu', 'memory']);
    expect(at(hpa, 'spec', 'behavior', 'scaleDown', 'stabilizationWindowSeconds')).toBe(300);
  });

  it('rolls out without ever dropping below the desired count', () => {
    expect(at(one(dir, 'Deployment'), 'spec', 'strategy')).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
  });

  it('puts the shared claims on ReadWriteMany storage with a named class', () => {
    for (const pvc of ofKind(dir, 'PersistentVolumeClaim')) {
      expect(at(pvc, 'spec', 'accessModes')).toEqual(['ReadWriteMany']);
      expect(at(pvc, 'spec', 'storageClassName')).toEqual(expect.any(String));
    }
  });

  it('has a PodDisruptionBudget and node spread for the gateway pods', () => {
    const pods = podLabels(one(dir, 'Deployment'));
    const pdb = one(dir, 'PodDisruptionBudget');
    expect(pdb.apiVersion).toBe('policy/v1');
    expect(selects(at(pdb, 'spec', 'selector', 'matchLabels'), pods)).toBe(true);
    const spread = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'topologySpreadConstraints');
    expect(spread.map((c: { topologyKey: string }) => c.topologyKey)).toContain('kubernetes.io/hostname');
    for (const constraint of spread) expect(selects(constraint.labelSelector.matchLabels, pods)).toBe(true);
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

  it('denies traffic by default and lets out only DNS and HTTPS', () => {
    const policies = ofKind(dir, 'NetworkPolicy');
    const deny = policies.find((p) => Object.keys(at(p, 'spec', 'podSelector') ?? {}).length === 0);
    expect(at(deny, 'spec', 'policyTypes').sort()).toEqual(['Egress', 'Ingress']);
    const allow = policies.find((p) => selects(at(p, 'spec', 'podSelector', 'matchLabels'), podLabels(one(dir, 'Deployment'))));
    const egressPorts = at(allow, 'spec', 'egress').flatMap((rule: { ports: Array<{ port: number }> }) => rule.ports.map((p) => p.port));
    expect([...new Set(egressPorts)].sort()).toEqual([443, 53]);
  });

  it('is picked up by kube-prometheus-stack and Grafana', () => {
    expect(one(dir, 'ServiceMonitor').metadata?.labels?.release).toBe('prometheus');
    const rule = one(dir, 'PrometheusRule');
    expect(rule.metadata?.labels?.release).toBe('prometheus');
    const alerts = at(rule, 'spec', 'groups').flatMap((g: { rules: Array<{ alert: string }> }) => g.rules.map((r) => r.alert));
    expect(alerts.sort()).toEqual([
      'OpenClawHighCPUUsage',
      'OpenClawHighMemoryUsage',
      'OpenClawPodPending',
      'OpenClawPodRestarting',
      'OpenClawServiceDown',
    ]);
    const dashboards = ofKind(dir, 'ConfigMap').filter((c) => c.metadata?.labels?.grafana_dashboard === '1');
    expect(dashboards).toHaveLength(1);
    const dashboard = JSON.parse(Object.values(at(dashboards[0], 'data') as Record<string, string>)[0]);
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(5);
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

  it('runs one pod of a different image than prod', () => {
    expect(at(one(dir, 'Deployment'), 'spec', 'replicas')).toBe(1);
    expect(ofKind(dir, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(gatewayImage(dir)).not.toBe(gatewayImage(prod));
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

  it('keeps its network policy peers pointing at DNS, the ingress controller and Prometheus', () => {
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

  it('has claims of its own and reads the Secret prod manages', () => {
    const prodClaims = new Set(ofKind(prod, 'PersistentVolumeClaim').map((p) => p.metadata?.name));
    for (const pvc of ofKind(dir, 'PersistentVolumeClaim')) expect(prodClaims.has(pvc.metadata?.name)).toBe(false);
    expect(ofKind(dir, 'Secret')).toEqual([]);
    expect(ofKind(dir, 'ExternalSecret')).toEqual([]);
    const envFrom = at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'containers', 0, 'envFrom');
    expect(envFrom).toContainEqual({ secretRef: { name: at(one(prod, 'ExternalSecret'), 'spec', 'target', 'name') } });
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
    const { rules, ...spec } = at(route, 'spec');
    return { ...spec, rules: rules.map(({ backendRefs: _, ...rule }: { backendRefs: unknown }) => rule) };
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
    const { weight: _prodWeight, ...prodRef } = backendRefs()[0];
    const { weight: _sourceWeight, ...sourceRef } = at(source, 'spec', 'rules', 0, 'backendRefs', 0);
    expect(prodRef).toEqual(sourceRef);
  });
});
