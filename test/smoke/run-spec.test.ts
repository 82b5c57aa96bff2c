// The container's run spec, read from an in-memory render as the kubelet would assemble it.
import { describe, expect, it } from 'vitest';
import { extractRunSpec, RunSpecError } from '../../scripts/smoke/run-spec.ts';
import { bwrapArgs, containerArgv, containerEnv } from '../../scripts/smoke/sandbox.ts';
import { gatewayRender, render } from './manifests.ts';

describe('extractRunSpec', () => {
  const spec = extractRunSpec(render(gatewayRender));

  it('takes the gateway container of the Deployment with its argv and user', () => {
    expect(spec).toMatchObject({ workload: 'openclaw-gateway', namespace: 'openclaw', container: 'gateway', runAsUser: 1000, readOnlyRootFilesystem: true });
    expect(spec.argv).toEqual(['node', 'dist/index.js', 'gateway', '--bind', 'lan']);
  });

  it('composes env as the kubelet does: envFrom first, $(VAR) of earlier variables, fieldRefs, made-up secret values', () => {
    expect(spec.env.OPENCLAW_GATEWAY_PORT).toBe('18789');
    // HOST is defined after PUBLIC, so the reference stays as written (the kubelet's rule).
    expect(spec.env.PUBLIC).toBe('https://$(HOST)');
    expect(spec.env.POD_NAMESPACE).toBe('openclaw');
    expect(spec.env.OPENCLAW_GATEWAY_TOKEN).toMatch(/^smoke-[0-9a-f]{32}$/);
    expect(spec.secretValues['openclaw-secrets']?.OPENCLAW_GATEWAY_TOKEN).toBe(spec.env.OPENCLAW_GATEWAY_TOKEN);
    // A Secret that is not in the render: its key gets no value, and a note says so.
    expect(spec.env.MODEL_KEY).toBeUndefined();
    expect(spec.notes).toEqual(['Secret model-keys is not in this render: its keys are unknown, none is set']);
  });

  it('mounts ConfigMap keys as files (a subPath as one file) and the other volumes as writable directories', () => {
    expect(spec.mounts).toEqual([
      { path: '/home/node/.openclaw', volume: 'state', readOnly: false, kind: 'writable', files: {} },
      { path: '/etc/openclaw/openclaw.json', volume: 'config', readOnly: true, kind: 'files', files: { '': '{"gateway": {"mode": "local"}}' } },
      { path: '/tmp', volume: 'tmp', readOnly: false, kind: 'writable', files: {} },
    ]);
  });

  it('resolves named probe ports and fills Kubernetes defaults', () => {
    expect(spec.probes.map((probe) => [probe.kind, probe.handler.type, probe.timeoutSeconds, probe.failureThreshold, probe.successThreshold])).toEqual([
      ['startup', 'http', 5, 30, 1],
      ['readiness', 'exec', 1, 3, 2],
      ['liveness', 'tcp', 1, 3, 1],
    ]);
    expect(spec.probes[0]!.handler).toEqual({ type: 'http', path: '/startupz', port: 18789, scheme: 'HTTP', headers: {} });
  });

  it('is bad input when no Deployment has the container', () => {
    expect(() => extractRunSpec(render(gatewayRender), { container: 'sidecar' })).toThrow(RunSpecError);
  });
});

describe('the sandbox', () => {
  const spec = extractRunSpec(render(gatewayRender));

  it("runs the image's dist/index.js as the npm package's openclaw.mjs, and the image CMD without args", () => {
    expect(containerArgv(spec)).toEqual(['node', 'openclaw.mjs', 'gateway', '--bind', 'lan']);
    expect(containerArgv({ argv: [] })).toEqual(['node', 'openclaw.mjs', 'gateway']);
  });

  it('gives the container env on top of the image env', () => {
    expect(containerEnv(spec)).toMatchObject({ PATH: expect.stringContaining('/usr/local/bin'), HOME: '/home/node', OPENCLAW_GATEWAY_PORT: '18789' });
  });

  it('has a private network, the pod user, writable volumes only, and a read-only root', () => {
    const args = bwrapArgs(spec, {
      hostPathOf: (path) => `/host${path}`,
      nodeBinDir: '/cache/node/bin',
      packageDir: '/cache/app/node_modules/openclaw',
      agentScript: '/repo/pod-agent.mjs',
      agentConfig: '/run/agent.json',
      socketDir: '/run/sock',
      etcDir: '/run/etc',
    });
    const joined = args.join(' ');
    expect(args).toEqual(expect.arrayContaining(['--unshare-net', '--unshare-pid', '--die-with-parent', '--clearenv']));
    expect(joined).toContain('--uid 1000 --gid 1000');
    expect(joined).toContain('--bind /host/home/node/.openclaw /home/node/.openclaw');
    expect(joined).toContain('--ro-bind /host/etc/openclaw/openclaw.json /etc/openclaw/openclaw.json');
    expect(joined).toContain('--bind /host/tmp /tmp');
    expect(joined).toContain('--symlink /opt/openclaw/node_modules/openclaw /app');
    // The root is made read-only after every mount, because the container asks for it.
    expect(args.indexOf('--remount-ro')).toBeGreaterThan(args.lastIndexOf('--bind'));
    expect(args.slice(-3)).toEqual(['/usr/local/bin/node', '/run/smoke/pod-agent.mjs', '/run/smoke/agent.json']);
  });
});
