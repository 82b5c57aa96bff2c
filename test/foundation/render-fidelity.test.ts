// What a render gives is what `kustomize build` gives: a Component builds, kustomize's own error is the
// message, klog's headers are gone; `.json` manifests are read and a kustomization file stands for its directory.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { cleanKustomizeMessage, renderKustomization } from '../../scripts/lib/render/render.ts';
import { discoverPaths } from '../../scripts/lib/sources/discover.ts';
import { loadSource } from '../../scripts/lib/sources/load.ts';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n';
const component = (patchOp: string) =>
  `apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources:\n  - configmap.yaml\npatches:\n  - target: {kind: ConfigMap}\n    patch: |\n      - ${patchOp}\n`;

let binary: KustomizeBinary;
let repo: string;

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** What the same kustomize prints for the directory when run by hand. */
async function kustomizeByHand(dir: string) {
  return execa(binary.command, [...binary.args, dir], { reject: false });
}

beforeAll(async () => {
  binary = await resolveKustomize();
  repo = mkdtempSync(join(tmpdir(), 'render-fidelity-'));
  await execa('git', ['init', '-q', repo]);
  write(join(repo, 'components', 'extra', 'configmap.yaml'), CONFIG_MAP);
  write(join(repo, 'components', 'extra', 'kustomization.yaml'), component('{op: add, path: /data/b, value: "2"}'));
  write(join(repo, 'components', 'broken', 'configmap.yaml'), CONFIG_MAP);
  write(join(repo, 'components', 'broken', 'kustomization.yaml'), component('{op: remove, path: /data/missing}'));
  write(join(repo, 'overlays', 'broken', 'configmap.yaml'), CONFIG_MAP);
  write(join(repo, 'overlays', 'broken', 'kustomization.yaml'), 'resources:\n  - configmap.yaml\npatches:\n  - target: {kind: ConfigMap}\n    patch: |\n      - {op: remove, path: /data/missing}\n');
  write(join(repo, 'manifests', 'pvc.json'), '{"apiVersion": "v1", "kind": "PersistentVolumeClaim",\n\t"metadata": {"name": "data"},\n\t"spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}\n');
  write(join(repo, 'manifests', 'dashboard.json'), '{"title": "a Grafana dashboard, data for a generator", "panels": []}\n');
  write(join(repo, 'manifests', 'deployment.yaml'), 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: app\n');
});

describe('a kustomize Component', () => {
  it('renders as `kustomize build` renders it, with its resources pointed at their files', async () => {
    const byHand = await kustomizeByHand(join(repo, 'components', 'extra'));
    expect(byHand.exitCode).toBe(0);
    const result = await renderKustomization('components/extra', { binary, root: repo });
    expect(result.findings).toEqual([]);
    expect(result.resources.map((resource) => resource.object)).toEqual([
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: '1', b: '2' } },
    ]);
    expect(result.resources[0]!.file).toBe('components/extra/configmap.yaml');
  });

  it('that kustomize refuses is reported with kustomize’s own error, not the wrapper’s', async () => {
    const byHand = await kustomizeByHand(join(repo, 'components', 'broken'));
    expect(byHand.exitCode).not.toBe(0);
    const result = await renderKustomization('components/broken', { binary, root: repo });
    expect(result.failed).toBe(true);
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'render', source: 'components/broken' })]);
    const message = result.findings[0]!.message;
    expect(message).toBe(`kustomize build failed: ${cleanKustomizeMessage(String(byHand.stderr), [])}`);
    expect(message).toMatch(/Unable to remove nonexistent key: missing/);
    expect(message).not.toMatch(/Component|accumulat|openclaw-render-|<render>|run\.go/);
  });
});

describe('a kustomize error of an overlay', () => {
  it('is kustomize’s message about the overlay itself', async () => {
    const byHand = await kustomizeByHand(join(repo, 'overlays', 'broken'));
    const result = await renderKustomization('overlays/broken', { binary, root: repo });
    expect(result.findings.map((finding) => finding.message)).toEqual([`kustomize build failed: ${cleanKustomizeMessage(String(byHand.stderr), [])}`]);
  });
});

describe('klog headers', () => {
  it('are removed from every line, whatever the severity letter, file and thread', () => {
    const stderr = [
      'W1202 12:00:00.000000     123 warnings.go:70] something deprecated',
      'E1202 12:00:00.123456   98765 run.go:72] "command failed" err="accumulating resources: \\"x\\" is missing"',
    ].join('\n');
    expect(cleanKustomizeMessage(stderr, [])).toBe('something deprecated accumulating resources: "x" is missing');
    expect(cleanKustomizeMessage('Error: no kustomization file\n', [])).toBe('no kustomization file');
    // klog's form for a message of several lines.
    const multiLine = 'E1202 12:00:00.000000 7 run.go:72] "command failed" err=<\n\tfirst line: `\n\tpath: x.yaml\n\t`: second\n >\n';
    expect(cleanKustomizeMessage(multiLine, [])).toBe('first line: ` path: x.yaml `: second');
  });
});

describe('JSON manifests', () => {
  it('are read from a directory like YAML; JSON that is no Kubernetes object is data and skipped', async () => {
    const loaded = await loadSource({ kind: 'manifests', name: 'manifests', path: join(repo, 'manifests') }, { root: repo });
    expect(loaded.findings).toEqual([]);
    expect(loaded.resources.map((resource) => [resource.object.kind, resource.file, resource.line])).toEqual([
      ['ServiceAccount', 'manifests/deployment.yaml', 1],
      ['PersistentVolumeClaim', 'manifests/pvc.json', 1],
    ]);
  });
});

describe('a kustomization file given by name', () => {
  it('stands for its directory, rendered as a kustomization', () => {
    const discovery = discoverPaths(['components/extra/kustomization.yaml'], repo);
    expect(discovery.sources).toEqual([{ kind: 'kustomization', name: 'components/extra', path: join(repo, 'components', 'extra') }]);
  });
});
