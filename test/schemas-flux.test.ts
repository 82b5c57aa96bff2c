// Every Flux kind a current repository is made of has a strict schema: real manifests in Flux's documented
// shapes pass, a misspelled field fails.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMAS_DIR } from '../scripts/schemas/paths.ts';
import { readSchema, schemaErrors as errorsOf } from './helpers/strict-schemas.ts';
import { strictSweep } from './helpers/strict-sweep.ts';

describe('Flux schemas', () => {
  it('exist for every controller kind at its GA version and the betas still in use', () => {
    const files = [
      'source.toolkit.fluxcd.io/gitrepository_v1.json', 'source.toolkit.fluxcd.io/ocirepository_v1.json',
      'source.toolkit.fluxcd.io/helmrepository_v1.json', 'source.toolkit.fluxcd.io/helmchart_v1.json',
      'source.toolkit.fluxcd.io/bucket_v1.json', 'source.toolkit.fluxcd.io/externalartifact_v1.json',
      'source.toolkit.fluxcd.io/helmrepository_v1beta2.json', 'source.toolkit.fluxcd.io/ocirepository_v1beta2.json',
      'kustomize.toolkit.fluxcd.io/kustomization_v1.json', 'kustomize.toolkit.fluxcd.io/kustomization_v1beta2.json',
      'helm.toolkit.fluxcd.io/helmrelease_v2.json', 'helm.toolkit.fluxcd.io/helmrelease_v2beta2.json', 'helm.toolkit.fluxcd.io/helmrelease_v2beta1.json',
      'notification.toolkit.fluxcd.io/receiver_v1.json', 'notification.toolkit.fluxcd.io/alert_v1beta3.json',
      'notification.toolkit.fluxcd.io/provider_v1beta3.json', 'notification.toolkit.fluxcd.io/alert_v1beta2.json',
      'image.toolkit.fluxcd.io/imagerepository_v1.json', 'image.toolkit.fluxcd.io/imagepolicy_v1.json',
      'image.toolkit.fluxcd.io/imageupdateautomation_v1.json', 'image.toolkit.fluxcd.io/imagepolicy_v1beta2.json',
    ];
    for (const file of files) expect(existsSync(join(SCHEMAS_DIR, file)), file).toBe(true);
    // Each compiles under Ajv strict mode: the sweep of test/helpers/strict-sweep.ts gives that verdict without
    // compiling all of each file; the tests below compile the files they validate with.
    expect(strictSweep(files.map((file) => [file, readSchema(file)] as const))).toEqual([]);
  });

  it('accept a HelmRelease v2 with free-form values and reject a misspelled field', () => {
    const release = `
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: prometheus, namespace: monitoring}
spec:
  interval: 30m
  chart:
    spec:
      chart: kube-prometheus-stack
      version: "66.x"
      sourceRef: {kind: HelmRepository, name: prometheus-community}
  install: {crds: CreateReplace, remediation: {retries: 3}}
  upgrade: {crds: CreateReplace}
  dependsOn: [{name: cert-manager}]
  values:
    grafana: {enabled: false}
    prometheus: {prometheusSpec: {retention: 7d, replicas: 1}}`;
    expect(errorsOf('helm.toolkit.fluxcd.io/helmrelease_v2.json', release)).toEqual([]);
    expect(errorsOf('helm.toolkit.fluxcd.io/helmrelease_v2.json', release.replace('dependsOn', 'dependOn'))).toContain(
      '/spec must NOT have additional properties',
    );
    expect(errorsOf('helm.toolkit.fluxcd.io/helmrelease_v2.json', release.replace('retries: 3', 'retries: 1.5'))).toContain(
      '/spec/install/remediation/retries must be integer',
    );
  });

  it('accept an OCI HelmRepository and an OCIRepository pinned by semver', () => {
    expect(errorsOf('source.toolkit.fluxcd.io/helmrepository_v1.json', `
apiVersion: source.toolkit.fluxcd.io/v1
kind: HelmRepository
metadata: {name: podinfo, namespace: flux-system}
spec: {type: oci, interval: 5m, url: oci://ghcr.io/stefanprodan/charts}`)).toEqual([]);
    const oci = `
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata: {name: podinfo, namespace: flux-system}
spec:
  interval: 10m
  url: oci://ghcr.io/stefanprodan/manifests/podinfo
  ref: {semver: ">=6.0.0"}
  layerSelector: {mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip, operation: copy}`;
    expect(errorsOf('source.toolkit.fluxcd.io/ocirepository_v1.json', oci)).toEqual([]);
    expect(errorsOf('source.toolkit.fluxcd.io/ocirepository_v1.json', oci.replace('semver:', 'semvar:'))).toContain(
      '/spec/ref must NOT have additional properties',
    );
  });

  it('accept notification and image automation objects', () => {
    expect(errorsOf('notification.toolkit.fluxcd.io/alert_v1beta3.json', `
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Alert
metadata: {name: on-call, namespace: flux-system}
spec:
  providerRef: {name: slack}
  eventSeverity: error
  eventSources: [{kind: Kustomization, name: '*'}]`)).toEqual([]);
    expect(errorsOf('image.toolkit.fluxcd.io/imagepolicy_v1.json', `
apiVersion: image.toolkit.fluxcd.io/v1
kind: ImagePolicy
metadata: {name: gateway, namespace: flux-system}
spec:
  imageRepositoryRef: {name: gateway}
  policy: {semver: {range: 2026.x}}`)).toEqual([]);
  });
});
