// Inputs an attacker controls must cost time and memory in proportion to their size, and bad bytes must give
// a finding rather than garbage or a crash.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { checkResources } from '../../scripts/lib/check/resource-checks.ts';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import { appendAll, type KubeObject, type Resource } from '../../scripts/lib/model.ts';
import { parseResources, parseResourcesFromBytes } from '../../scripts/lib/parse/resources.ts';
import { MAX_YAML_BYTES } from '../../scripts/lib/parse/text-bytes.ts';
import { walkSteps } from '../../scripts/lib/parse/yaml-nodes.ts';
import { loadSource } from '../../scripts/lib/sources/load.ts';

const origin = { source: 'src', file: 'f.yaml' };
const scratch = mkdtempSync(join(tmpdir(), 'bounded-input-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

describe('bytes that are not YAML text', () => {
  it('finds a NUL byte anywhere, not only near the start', () => {
    const text = `${configMap}data:\n${'  k: v\n'.repeat(3000)}  bad: "a\0b"\n`;
    const { resources, findings } = parseResourcesFromBytes(Buffer.from(text), origin);
    expect(resources).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 3005, message: expect.stringMatching(/not text: it contains a NUL byte/) })]);
  });

  it('refuses invalid UTF-8 with the line of the first bad byte', () => {
    const bytes = Buffer.concat([Buffer.from(`${configMap}data:\n  a: caf`), Buffer.from([0xe9]), Buffer.from('\n')]);
    const { findings } = parseResourcesFromBytes(bytes, origin);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 5, message: expect.stringMatching(/not valid UTF-8 \(byte 0xe9/) })]);
  });

  it('accepts UTF-8 text, multi-byte characters included', () => {
    const { resources, findings } = parseResourcesFromBytes(Buffer.from(`${configMap}data:\n  a: café ✓ 😀\n`), origin);
    expect(findings).toEqual([]);
    expect(resources[0]!.object.data).toEqual({ a: 'café ✓ 😀' });
  });

  it('refuses an input over the size limit before parsing it', () => {
    const { resources, findings } = parseResourcesFromBytes(new Uint8Array(MAX_YAML_BYTES + 1).fill(0x20), origin);
    expect(resources).toEqual([]);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', message: expect.stringMatching(/over the 32 MiB limit/) })]);
  });
});

describe('work in proportion to the input', () => {
  const wideMap = (keys: number) => `${configMap}data:\n${Array.from({ length: keys }, (_, i) => `  k${i}: v${i}\n`).join('')}`;

  /** Steps of our own walks to parse a mapping of `keys` keys and locate every one of them. */
  const steps = (keys: number): number => {
    walkSteps.count = 0;
    const { resources, findings } = parseResources(wideMap(keys), origin);
    expect(findings).toEqual([]);
    for (let i = 0; i < keys; i += 1) resources[0]!.locate(`/data/k${i}`);
    return walkSteps.count;
  };

  it('checks duplicate keys and locates fields with work linear in the width of a mapping', () => {
    const single = steps(5000);
    const double = steps(10_000);
    expect(single).toBeGreaterThan(5000);
    // Quadratic work would make this 4; building each index once and looking keys up keeps it at 2.
    expect(double / single).toBeLessThan(2.1);
  });

  it('still reports a repeated key, at the repetition', () => {
    const { findings } = parseResources(`${wideMap(2000)}  k1500: again\n`, origin);
    expect(findings).toEqual([expect.objectContaining({ rule: 'yaml-syntax', line: 2005, message: 'Map keys must be unique: "k1500" is repeated' })]);
  });
});

describe('very many resources and findings', () => {
  it('appends 300,000 items without passing them as arguments', () => {
    const target: number[] = [];
    appendAll(target, Array.from({ length: 300_000 }, (_, i) => i));
    expect(target).toHaveLength(300_000);
  });

  it('checks 50,000 resources (each unknown, each a duplicate) without overflowing a stack on which 50,000 arguments do', async () => {
    // The default stack (about 1 MB) takes a spread of some 123,000 items; a 0.5 MB one about 38,000. The same
    // check on the small stack needs 50,000 resources where the default one needed 130,000.
    const worker = new Worker(new URL('./small-stack-check.mjs', import.meta.url), { workerData: { count: 50_000 }, resourceLimits: { stackSizeMb: 0.5 } });
    const result = await new Promise((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      // Node delivers every message a worker posted before it emits 'exit', so an exit that settles this
      // promise is one without a result (it is a no-op after `resolve`); without it the test would wait forever.
      worker.once('exit', (code) => reject(new Error(`the stack check worker exited with code ${code} without posting a result`)));
    });
    expect(result).toEqual({ spreadOverflows: true, unknownKind: 50_000, duplicates: 49_999 });
  });
});

describe('duplicate-resource', () => {
  it('does not fire on objects that only have generateName (Argo CD hook Jobs get a new name each time)', () => {
    const job = (extra: string) =>
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  ${extra}\n  annotations: {argocd.argoproj.io/hook: PreSync}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: m, image: "m:1"}]\n`;
    const { resources } = parseResources([job('generateName: migrate-'), job('generateName: migrate-'), job('name: fixed'), job('name: fixed')].join('---\n'), origin);
    // No schema locations: duplicates are checked whatever the schemas say, and compiling the Job schema
    // (the cache is off, so every run compiled it) cost more than the rest of this file's tests together.
    const findings = checkResources(resources, {
      validator: new SchemaValidator({ locations: [], kubernetesVersion: '1.36.0', cacheDir: false }),
      kubernetesVersion: '1.36.0',
      ignoreMissingSchemas: true,
    });
    expect(findings.filter((f) => f.rule === 'duplicate-resource').map((f) => f.line)).toEqual([37]);
  });
});

describe('symlink loops in a manifest directory', () => {
  it('reads each directory once and reports every loop once, without ending the run', async () => {
    const dir = join(scratch, 'flux');
    mkdirSync(join(dir, 'apps'), { recursive: true });
    writeFileSync(join(dir, 'a.yaml'), configMap);
    writeFileSync(join(dir, 'apps', 'b.yaml'), configMap.replace('name: a', 'name: b'));
    symlinkSync('.', join(dir, 'self'));
    symlinkSync('..', join(dir, 'apps', 'up'));
    const loaded = await loadSource({ kind: 'manifests', name: 'flux', path: dir }, { root: scratch });
    expect(loaded.resources.map((r) => r.object.metadata?.name)).toEqual(['a', 'b']);
    expect(loaded.findings.map((f) => [f.rule, f.file])).toEqual([
      ['input', 'flux/self'],
      ['input', 'flux/apps/up'],
    ]);
    expect(loaded.findings[0]!.message).toMatch(/already read \(a loop\)/);
  });
});
