// The repository's own manifests pass its own validation, and a cluster converges from empty: what
// `npm run validate` and `flux bootstrap` / the Argo CD app-of-apps promise on a clone.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../scripts/lib/model.ts';
import { runValidate } from './helpers/cli.ts';
import { ROOT, at, useRenders } from './overlays/rendered.ts';

describe('npm run validate on this repository', () => {
  it('renders every overlay, reads flux/ and argocd/, and finds no error', async () => {
    const result = await runValidate(['--format', 'json']);
    const report = JSON.parse(result.stdout) as {
      summary: { sources: number; errors: number };
      findings: Array<{ rule: string; severity: string; message: string }>;
    };
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.exitCode).toBe(0);
    expect(report.summary.sources).toBe(5);
    // Every resource has a schema: nothing passes merely because it could not be checked.
    expect(report.findings.filter((f) => f.rule === 'unknown-kind')).toEqual([]);
  });
});

/** Every object of the YAML files directly in `dir` (kustomization.yaml is configuration, not a resource). */
function objectsIn(dir: string): KubeObject[] {
  return readdirSync(join(ROOT, dir))
    .filter((file) => file.endsWith('.yaml') && file !== 'kustomization.yaml')
    .flatMap((file) => parseAllDocuments(readFileSync(join(ROOT, dir, file), 'utf8')).map((d) => d.toJSON() as KubeObject));
}

const ofKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind);
const named = (objects: KubeObject[], kind: string, name: string) => ofKind(objects, kind).find((o) => o.metadata?.name === name);

describe('a production cluster from empty', () => {
  const { ofKind: renderedKind } = useRenders(['overlays/prod', 'overlays/canary']);
  const controllers = objectsIn('flux/infrastructure/controllers');
  const configs = objectsIn('flux/infrastructure/configs');
  const cluster = objectsIn('flux/clusters/production');
  const releases = ofKind(controllers, 'HelmRelease');
  const chartOf = (release: KubeObject) => at(release, 'spec', 'chart', 'spec');

  it('installs every controller from a pinned chart of a declared HelmRepository', () => {
    expect(releases.map((r) => chartOf(r).chart).sort()).toEqual(['cert-manager', 'external-secrets', 'ingress-nginx', 'kube-prometheus-stack', 'prometheus-blackbox-exporter']);
    for (const release of releases) {
      expect(chartOf(release).version, release.metadata?.name).toMatch(/^v?\d+\.\d+\.\d+$/);
      const source = chartOf(release).sourceRef;
      expect(named(controllers, source.kind, source.name), `${release.metadata?.name} source`).toBeDefined();
    }
  });

  it('orders Flux: controllers, then configs, then prod, then the canary, each waiting for the last', () => {
    const kustomization = (name: string) => named(cluster, 'Kustomization', name);
    expect(at(kustomization('infra-controllers'), 'spec')).toMatchObject({ path: './flux/infrastructure/controllers', wait: true });
    expect(at(kustomization('infra-configs'), 'spec')).toMatchObject({ path: './flux/infrastructure/configs', wait: true, dependsOn: [{ name: 'infra-controllers' }] });
    expect(at(kustomization('openclaw'), 'spec', 'dependsOn')).toEqual([{ name: 'infra-configs' }]);
    expect(at(kustomization('openclaw-canary'), 'spec', 'dependsOn')).toEqual([{ name: 'openclaw' }]);
    const listed: string[] = parseAllDocuments(readFileSync(join(ROOT, 'flux/clusters/production/kustomization.yaml'), 'utf8'))[0].toJSON().resources;
    expect(listed).toContain('infrastructure.yaml');
  });

  it('has a controller for every custom resource group the overlays use, and the issuer and store they name', () => {
    const provides: Record<string, string> = { 'external-secrets.io': 'external-secrets', 'monitoring.coreos.com': 'kube-prometheus-stack', 'cert-manager.io': 'cert-manager' };
    const charts = new Set(releases.map((r) => chartOf(r).chart));
    for (const dir of ['overlays/prod', 'overlays/canary']) {
      for (const kind of ['ExternalSecret', 'Probe', 'PrometheusRule']) {
        for (const object of renderedKind(dir, kind)) expect(charts.has(provides[object.apiVersion!.split('/')[0]]), `${dir} ${kind}`).toBe(true);
      }
      for (const secret of renderedKind(dir, 'ExternalSecret')) {
        expect(named(configs, 'ClusterSecretStore', at(secret, 'spec', 'secretStoreRef', 'name'))).toBeDefined();
      }
      for (const ingress of renderedKind(dir, 'Ingress')) {
        const issuer = ingress.metadata?.annotations?.['cert-manager.io/cluster-issuer'];
        if (issuer) expect(named(configs, 'ClusterIssuer', issuer)).toBeDefined();
      }
    }
  });

  it('installs the blackbox modules and Prometheus release the monitoring component expects', () => {
    const blackbox = named(controllers, 'HelmRelease', 'prometheus-blackbox-exporter');
    const modules = Object.keys(at(blackbox, 'spec', 'values', 'config', 'modules'));
    const service = at(blackbox, 'spec', 'values', 'fullnameOverride');
    const stack = named(controllers, 'HelmRelease', 'kube-prometheus-stack');
    for (const probe of renderedKind('overlays/prod', 'Probe')) {
      expect(modules).toContain(at(probe, 'spec', 'module'));
      expect(at(probe, 'spec', 'prober', 'url')).toBe(`${service}.${blackbox?.metadata?.namespace}.svc:9115`);
      expect(probe.metadata?.labels?.release).toBe(at(stack, 'spec', 'releaseName'));
    }
    for (const rule of renderedKind('overlays/prod', 'PrometheusRule')) expect(rule.metadata?.labels?.release).toBe(at(stack, 'spec', 'releaseName'));
  });

  it('gives Argo CD the same charts, versions and configs, ordered by sync wave', () => {
    const apps = objectsIn('argocd/infrastructure/controllers');
    const wave = (app: KubeObject | undefined) => Number(app?.metadata?.annotations?.['argocd.argoproj.io/sync-wave']);
    const pairs = (objects: KubeObject[], read: (o: KubeObject) => [string, string]) => objects.map(read).sort();
    expect(pairs(ofKind(apps, 'Application'), (a) => [at(a, 'spec', 'source', 'chart'), at(a, 'spec', 'source', 'targetRevision')])).toEqual(
      pairs(releases, (r) => [chartOf(r).chart, chartOf(r).version]),
    );
    expect(objectsIn('argocd/infrastructure/configs')).toEqual(configs);
    const configsApp = named(objectsIn('argocd/infrastructure'), 'Application', 'infrastructure-configs');
    const production = objectsIn('argocd/production');
    const order = [Math.max(...apps.map(wave)), wave(configsApp), wave(named(production, 'Application', 'openclaw')), wave(named(production, 'Application', 'openclaw-canary'))];
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(new Set(order).size).toBe(order.length);
    const listed: string[] = parseAllDocuments(readFileSync(join(ROOT, 'argocd/production/kustomization.yaml'), 'utf8'))[0].toJSON().resources;
    expect(listed).toContain('../infrastructure');
  });
});
