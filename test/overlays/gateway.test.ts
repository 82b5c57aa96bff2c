// The gateway as OpenClaw runs it, in every overlay: one pod per state directory, probes that only the
// real probe handler can pass, writable paths, config from git, and the public host in one place.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { at, effectiveConfig, envOf, gatewayContainer, useRenders } from './rendered.ts';

const OVERLAYS = ['overlays/dev', 'overlays/prod', 'overlays/canary'] as const;
const FIXTURES = ['test/fixtures/components/extras'] as const;
const { render, ofKind, one } = useRenders([...OVERLAYS, ...FIXTURES]);

type Probe = { exec: { command: string[] } };
const probe = (dir: string, name: string): Probe => gatewayContainer(one(dir, 'Deployment'))[name] as Probe;

/** Runs a probe's command as the kubelet would, against `port`; resolves to its exit code. */
async function runProbe(command: string[], port: number): Promise<number> {
  const [file, ...args] = command;
  const result = await execa(file, args, { env: { OPENCLAW_GATEWAY_PORT: String(port) }, reject: false, timeout: 20_000 });
  return result.exitCode ?? -1;
}

/** A server that answers like the gateway (`contract`) or like the Control UI's catch-all for every path. */
function fakeGateway(kind: 'contract' | 'catch-all'): Promise<Server> {
  const bodies: Record<string, string> = { '/healthz': '{"ok":true,"status":"live"}', '/startupz': '{"ok":true,"status":"started"}' };
  const server = createServer((req, res) => {
    const body = kind === 'contract' ? bodies[req.url ?? ''] : undefined;
    res.writeHead(200, { 'content-type': body ? 'application/json' : 'text/html' });
    res.end(body ?? '<!doctype html><title>OpenClaw</title>');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.each(OVERLAYS)('%s gateway', (dir) => {
  it('runs exactly one gateway per state directory: one replica, Recreate, no autoscaler', () => {
    const deployment = one(dir, 'Deployment');
    expect(at(deployment, 'spec', 'replicas')).toBe(1);
    expect(at(deployment, 'spec', 'strategy')).toEqual({ type: 'Recreate' });
    expect(ofKind(dir, 'HorizontalPodAutoscaler')).toEqual([]);
    for (const pvc of ofKind(dir, 'PersistentVolumeClaim')) expect(at(pvc, 'spec', 'accessModes')).toEqual(['ReadWriteOnce']);
  });

  it('probes /startupz for start-up and readiness and /healthz for liveness, on the port the gateway listens on', () => {
    expect(probe(dir, 'startupProbe').exec.command.slice(-2)).toEqual(['/startupz', 'started']);
    expect(probe(dir, 'readinessProbe').exec.command.slice(-2)).toEqual(['/startupz', 'started']);
    expect(probe(dir, 'livenessProbe').exec.command.slice(-2)).toEqual(['/healthz', 'live']);
    const container = gatewayContainer(one(dir, 'Deployment'));
    const port = (container.ports as Array<{ name: string; containerPort: number }>).find((p) => p.name === 'gateway');
    expect(envOf(one(dir, 'Deployment')).get('OPENCLAW_GATEWAY_PORT')).toBe(String(port?.containerPort));
    expect(container.args).not.toContain('--port');
  });

  it('never lets a drain stall: any budget allows the pod to go, any spread is soft', () => {
    for (const pdb of ofKind(dir, 'PodDisruptionBudget')) {
      expect(at(pdb, 'spec', 'minAvailable')).toBeUndefined();
      expect(at(pdb, 'spec', 'maxUnavailable')).toBeGreaterThanOrEqual(1);
    }
    for (const spread of at(one(dir, 'Deployment'), 'spec', 'template', 'spec', 'topologySpreadConstraints') ?? []) {
      expect(spread.whenUnsatisfiable).toBe('ScheduleAnyway');
    }
  });

  it('gives everything the gateway writes a writable volume and reads its config from git as a regular file', () => {
    const spec = at(one(dir, 'Deployment'), 'spec', 'template', 'spec');
    const volumes = new Map<string, Record<string, unknown>>(spec.volumes.map((v: { name: string }) => [v.name, v]));
    const mounts: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }> = gatewayContainer(one(dir, 'Deployment')).volumeMounts as never;
    const writable = (path: string) => {
      const mount = mounts.find((m) => m.mountPath === path);
      expect(mount, path).toBeDefined();
      expect(mount?.readOnly, path).not.toBe(true);
      const volume = volumes.get(mount!.name);
      expect(volume?.emptyDir ?? volume?.persistentVolumeClaim, path).toBeDefined();
    };
    for (const path of ['/tmp', '/home/node/.npm', '/home/node/.cache', '/home/node/.openclaw', '/home/node/.openclaw/workspace']) writable(path);
    const env = envOf(one(dir, 'Deployment'));
    const config = mounts.find((m) => m.mountPath === env.get('OPENCLAW_CONFIG_PATH'));
    expect(config).toMatchObject({ subPath: 'openclaw.json', readOnly: true });
    expect(volumes.get(config!.name)?.configMap).toBeDefined();
  });

  it('allows the Control UI from every host routed to it, and trusts only the ingress range as proxies', () => {
    const config = effectiveConfig(ofKind(dir, 'ConfigMap'), one(dir, 'Deployment')) as { gateway: Record<string, any> };
    const hosts: string[] = ofKind(dir, 'Ingress').flatMap((i) => at(i, 'spec', 'rules').map((r: { host: string }) => r.host));
    const expected = hosts.length > 0 ? hosts.map((h) => `https://${h}`) : ['http://localhost:18789'];
    expect(config.gateway.controlUi.allowedOrigins).toEqual([...new Set(expected)]);
    expect(JSON.stringify(config)).not.toContain('${');
    expect(config.gateway.trustedProxies).toHaveLength(1);
    expect(config.gateway.trustedProxies[0]).toMatch(/^[\d.]+\/\d+$/);
  });
});

describe('the probe command', () => {
  let contract: Server;
  let catchAll: Server;
  const portOf = (server: Server) => (server.address() as AddressInfo).port;
  beforeAll(async () => {
    [contract, catchAll] = await Promise.all([fakeGateway('contract'), fakeGateway('catch-all')]);
  });
  afterAll(() => {
    contract.close();
    catchAll.close();
  });

  it('is the same script for all three probes', () => {
    const scripts = ['startupProbe', 'readinessProbe', 'livenessProbe'].map((name) => probe('overlays/prod', name).exec.command.slice(0, -2));
    expect(new Set(scripts.map((s) => JSON.stringify(s))).size).toBe(1);
  });

  it.each(['startupProbe', 'livenessProbe'])('%s passes against the gateway probe contract and fails against the Control UI catch-all', async (name) => {
    const command = probe('overlays/prod', name).exec.command;
    expect(await runProbe(command, portOf(contract))).toBe(0);
    expect(await runProbe(command, portOf(catchAll))).toBe(1);
  });

  it('fails when nothing listens', async () => {
    const closed = await fakeGateway('contract');
    const port = portOf(closed);
    await new Promise((resolve) => closed.close(resolve));
    expect(await runProbe(probe('overlays/prod', 'livenessProbe').exec.command, port)).toBe(1);
  });
});

describe('the public host', () => {
  const hostsOf = (dir: string) => [
    ...ofKind(dir, 'Ingress').flatMap((i) => [
      ...at(i, 'spec', 'rules').map((r: { host: string }) => r.host),
      ...(at(i, 'spec', 'tls') ?? []).flatMap((t: { hosts: string[] }) => t.hosts),
    ]),
    ...ofKind(dir, 'HTTPRoute').flatMap((r) => at(r, 'spec', 'hostnames')),
  ];

  it('is one host, the same in prod, in the canary and on the HTTPRoute, with no placeholder left', () => {
    const prod = new Set(hostsOf('overlays/prod'));
    expect(prod.size).toBe(1);
    expect(new Set(hostsOf('overlays/canary'))).toEqual(prod);
    expect(new Set(hostsOf('test/fixtures/components/extras'))).toEqual(prod);
    for (const dir of [...OVERLAYS, ...FIXTURES]) expect(JSON.stringify(render(dir).objects)).not.toContain('public-host');
  });

  it('gives the canary the same allowedOrigins as prod', () => {
    const origins = (dir: string) => (effectiveConfig(ofKind(dir, 'ConfigMap'), one(dir, 'Deployment')) as any).gateway.controlUi.allowedOrigins;
    expect(origins('overlays/canary')).toEqual(origins('overlays/prod'));
  });
});
