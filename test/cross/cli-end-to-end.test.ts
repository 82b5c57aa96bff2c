// Each broken link, rendered as a real overlay and caught by `npm run validate` through the CLI.
import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repositoryRoot, runValidate } from '../helpers/cli.ts';
import { stableDirectory, type StableDirectory } from '../render/stable-directory.ts';

/** rule id → the fixture (under test/fixtures/cross/<rule>/) whose render breaks that link. */
const BROKEN: Record<string, string> = {
  'service-selector': 'service-selects-nothing',
  'service-target-port': 'target-port-unknown-name',
  'ingress-backend': 'ingress-service-missing',
  'httproute-backend': 'httproute-port-not-exposed',
  'hpa-target': 'hpa-min-above-max',
  'hpa-replicas-conflict': 'hpa-target-sets-replicas',
  'hpa-requests': 'hpa-container-without-cpu-request',
  'pdb-selector': 'pdb-selects-nothing',
  'pdb-hpa': 'pdb-min-available-equals-hpa-min',
  'volume-references': 'references-missing',
  'config-key': 'key-missing',
  'config-rollout': 'config-without-hash',
  'rwo-multi-attach': 'rwo-three-replicas',
  'service-account-exists': 'service-account-missing',
  'servicemonitor-target': 'servicemonitor-port-unknown',
  'prometheus-rule-label': 'prometheus-selects-some',
  'networkpolicy-selector': 'policy-selects-nothing-gateway-isolated',
  'namespace-consistency': 'namespaces-that-cannot-line-up',
};

/** Overlays written as users write them, each breaking one link. */
const OVERLAYS: Record<string, string> = {
  'ingress-port-mismatch': 'ingress-backend',
  'service-selects-nothing': 'service-selector',
};

interface JsonFinding {
  rule: string;
  source: string;
  severity: string;
  file: string | null;
  path: string | null;
}

let findings: JsonFinding[];
const overlayOf = new Map<string, string>();
let scratch: StableDirectory;

beforeAll(async () => {
  // The same path every run: the 20 overlays, unchanged, are then served from the render cache on a rerun.
  scratch = stableDirectory('cross-e2e');
  const work = scratch.path;
  for (const [rule, fixture] of Object.entries(BROKEN)) {
    const dir = join(work, rule);
    mkdirSync(dir);
    copyFileSync(join(repositoryRoot, 'test', 'fixtures', 'cross', rule, `${fixture}.yaml`), join(dir, 'resources.yaml'));
    writeFileSync(join(dir, 'kustomization.yaml'), 'resources:\n  - resources.yaml\n');
    // Sources are named relative to the repository the paths are in: here the work directory.
    overlayOf.set(rule, rule);
  }
  // One repository holds every source (paths of two repositories are refused), so the overlays are copied in.
  const overlays = Object.keys(OVERLAYS).map((name) => join('test', 'fixtures', 'cross-overlays', name));
  for (const overlay of overlays) cpSync(join(repositoryRoot, overlay), join(work, overlay), { recursive: true });
  const paths = [...overlayOf.values(), ...overlays].map((path) => join(work, path));
  // Every check: the cross-resource rules are beyond the default profile.
  const result = await runValidate([...paths, '--format', 'json', '--ignore-missing-schemas', '--quiet', '--profile', 'all']);
  expect(result.exitCode, result.stderr).toBe(1);
  findings = (JSON.parse(result.stdout) as { findings: JsonFinding[] }).findings;
}, 120_000);

afterAll(() => scratch.release());

describe('npm run validate catches every broken link in a rendered overlay', () => {
  it.each(Object.keys(BROKEN))('%s', (rule) => {
    const source = overlayOf.get(rule)!;
    const caught = findings.filter((finding) => finding.source === source && finding.rule === rule);
    expect(caught.length).toBeGreaterThan(0);
    expect(caught[0]!.file).toMatch(/resources\.yaml$/);
    expect(caught[0]!.path).toMatch(/^\//);
  });

  it.each(Object.entries(OVERLAYS))('overlay %s is caught by %s', (name, rule) => {
    const source = `test/fixtures/cross-overlays/${name}`;
    expect(findings.filter((finding) => finding.source === source && finding.rule === rule)).toHaveLength(1);
  });
});
