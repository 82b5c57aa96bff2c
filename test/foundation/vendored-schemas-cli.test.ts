// Kubernetes' own quirks, checked end to end against the vendored 1.36 schemas.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../helpers/cli.ts';

interface JsonFinding {
  rule: string;
  message: string;
  path: string | null;
  line: number | null;
}

async function schemaFindings(yaml: string): Promise<JsonFinding[]> {
  const file = join(mkdtempSync(join(tmpdir(), 'quirks-')), 'manifest.yaml');
  writeFileSync(file, yaml);
  const result = await runValidate([file, '--format', 'json', '--quiet']);
  expect(result.exitCode, result.stderr).not.toBe(2);
  return (JSON.parse(result.stdout).findings as JsonFinding[]).filter((f) => ['schema', 'unknown-kind', 'yaml-syntax'].includes(f.rule));
}

const deployment = (container: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:${extra}
  selector:
    matchLabels: {app: web}
  strategy:
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 0}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
${container}
`;

describe('strict schemas of Kubernetes 1.36', () => {
  it('accept int-or-string and quantities either way', async () => {
    const container = `          ports: [{name: http, containerPort: 8080}]
          readinessProbe: {httpGet: {path: /, port: http}}
          resources: {requests: {cpu: 1, memory: 512Mi}, limits: {cpu: "2", memory: 1Gi}}`;
    expect(await schemaFindings(deployment(container))).toEqual([]);
  });

  it('reject a named containerPort and a quoted replica count', async () => {
    const findings = await schemaFindings(deployment('          ports: [{containerPort: "http"}]', '\n  replicas: "3"'));
    expect(findings.map((f) => [f.path, f.message])).toEqual(
      expect.arrayContaining([
        ['/spec/replicas', 'spec.replicas must be integer, got string "3"'],
        ['/spec/template/spec/containers/0/ports/0/containerPort', 'spec.template.spec.containers[0].ports[0].containerPort must be integer, got string "http"'],
      ]),
    );
  });

  it('name a misspelled field and its line', async () => {
    const findings = await schemaFindings(deployment('          livenessprobe: {tcpSocket: {port: 80}}'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'schema',
        message: 'unknown field "livenessprobe" in spec.template.spec.containers[0]',
        path: '/spec/template/spec/containers/0/livenessprobe',
        line: 17,
      }),
    ]);
  });

  it('require labels and annotations to be string maps', async () => {
    const findings = await schemaFindings('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {replicas: 3}\n  annotations: {enabled: yes}\n');
    expect(findings.map((f) => f.path)).toEqual(['/metadata/labels/replicas', '/metadata/annotations/enabled']);
  });

  it('pass a SOPS-encrypted Secret and a creationTimestamp: null', async () => {
    const secret = `apiVersion: v1
kind: Secret
metadata:
  name: gateway
  creationTimestamp: null
type: Opaque
data:
  OPENCLAW_GATEWAY_TOKEN: ENC[AES256_GCM,data:Tr7o=,iv:1=,tag:2=,type:str]
sops:
  age:
    - recipient: age1example
      enc: x
  lastmodified: "2026-11-01T00:00:00Z"
  mac: ENC[AES256_GCM,data:abc]
  version: 3.9.0
`;
    expect(await schemaFindings(secret)).toEqual([]);
  });

  it('know the custom resources this repository uses', async () => {
    const monitor = `apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: gateway, labels: {release: prometheus}}
spec:
  selector: {matchLabels: {app: web}}
  endpoints: [{port: http, interval: 30s}]
`;
    expect(await schemaFindings(monitor)).toEqual([]);
  });
});

describe('plain manifest directories', () => {
  it('do not follow a symlink out of the repository, and still read the other files', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'leak.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: leak}\n');
    const dir = join(import.meta.dirname, '..', '..', 'node_modules', '.cache', `symlink-test-${process.pid}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'ok.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n');
    symlinkSync(join(outside, 'leak.yaml'), join(dir, 'leak.yaml'));
    const result = await runValidate([dir, '--format', 'json', '--quiet']);
    const report = JSON.parse(result.stdout);
    expect(report.summary.resources).toBe(1);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'input', message: expect.stringMatching(/leak\.yaml is a symlink that points outside the repository/) })]);
    rmSync(dir, { recursive: true, force: true });
  });
});
