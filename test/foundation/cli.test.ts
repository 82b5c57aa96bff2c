import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runValidate } from '../helpers/cli.ts';

const schemas = ['--schema-location', 'test/fixtures/schemas', '--kubernetes-version', '1.99'];

function tempFile(name: string, content: string | Buffer): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cli-')), name);
  writeFileSync(file, content);
  return file;
}

const goodConfigMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: good\ndata:\n  k: v\n';
const badConfigMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n  lables: {}\ndata:\n  k: v\n';

describe('npm run validate', () => {
  it('exits 0 when there is no error finding', async () => {
    const result = await runValidate([tempFile('good.yaml', goodConfigMap), ...schemas]);
    expect(result.stderr).toMatch(/✓ .*good\.yaml {2}1 resource/);
    expect(result.stdout).toMatch(/0 errors, 0 warnings in 1 resource from 1 source/);
    expect(result.exitCode).toBe(0);
  });

  it('exits 1 and writes the documented JSON for error findings', async () => {
    const file = tempFile('bad.yaml', badConfigMap);
    const result = await runValidate([file, ...schemas, '--format', 'json']);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.version).toBe(1);
    expect(report.summary).toEqual({ sources: 1, resources: 1, errors: 1, warnings: 0 });
    expect(report.findings[0]).toMatchObject({
      rule: 'schema',
      severity: 'error',
      message: 'unknown field "lables" in metadata',
      line: 5,
      resource: { apiVersion: 'v1', kind: 'ConfigMap', namespace: null, name: 'bad' },
      path: '/metadata/lables',
    });
  });

  it('reads standard input for -', async () => {
    const result = await runValidate(['-', ...schemas, '--format', 'json'], { input: badConfigMap });
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).findings[0]).toMatchObject({ source: '-', file: '-', rule: 'schema' });
  });

  it('reports a missing path as a finding and still checks the other sources', async () => {
    const result = await runValidate(['does/not/exist', tempFile('good.yaml', goodConfigMap), ...schemas, '--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(result.exitCode).toBe(1);
    expect(report.summary.resources).toBe(1);
    expect(report.summary.sources).toBe(2);
    expect(report.findings).toEqual([expect.objectContaining({ rule: 'input', message: 'path does not exist: does/not/exist' })]);
  });

  it('warns about an empty file instead of passing it silently', async () => {
    const result = await runValidate([tempFile('empty.yaml', ''), ...schemas, '--format', 'json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).findings).toEqual([expect.objectContaining({ rule: 'input', severity: 'warning' })]);
  });

  it('makes a resource without schema an error, or a warning with --ignore-missing-schemas', async () => {
    const file = tempFile('crd.yaml', 'apiVersion: example.com/v9\nkind: Thing\nmetadata: {name: t}\n');
    const strict = await runValidate([file, ...schemas, '--format', 'json']);
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout).findings[0]).toMatchObject({ rule: 'unknown-kind', severity: 'error' });
    const lenient = await runValidate([file, ...schemas, '--format', 'json', '--ignore-missing-schemas']);
    expect(lenient.exitCode).toBe(0);
    expect(JSON.parse(lenient.stdout).findings[0]).toMatchObject({ rule: 'unknown-kind', severity: 'warning' });
  });

  it('flags the same resource twice in one source', async () => {
    const result = await runValidate([tempFile('dup.yaml', `${goodConfigMap}---\n${goodConfigMap}`), ...schemas, '--format', 'json']);
    const finding = JSON.parse(result.stdout).findings[0];
    expect(finding).toMatchObject({ rule: 'duplicate-resource', line: 11, path: '/metadata/name' });
    expect(finding.message).toMatch(/first is at .*dup\.yaml:1/);
  });

  // The size is the point here (input limits, whole-file reads); throughput is `npm run bench`'s to measure.
  it('survives a 20 MB file', async () => {
    const many = Array.from({ length: 2_000 }, (_, i) => goodConfigMap.replace('good', `cm-${i}`).replace('k: v', `k: ${'x'.repeat(10_000)}`)).join('---\n');
    expect(many.length).toBeGreaterThan(20_000_000);
    const file = tempFile('big.yaml', many);
    const result = await runValidate([file, ...schemas, '--quiet', '--format', 'json']);
    expect(result.exitCode).toBe(0);
    expect(JSON.parse(result.stdout).summary.resources).toBe(2_000);
  });

  it('writes the report to --output', async () => {
    const output = join(mkdtempSync(join(tmpdir(), 'out-')), 'report.sarif');
    const result = await runValidate([tempFile('bad.yaml', badConfigMap), ...schemas, '--format', 'sarif', '--output', output]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toBe('');
    const { readFileSync } = await import('node:fs');
    expect(JSON.parse(readFileSync(output, 'utf8')).version).toBe('2.1.0');
  });

  describe('exits 2 with one clear line when it cannot do its job', () => {
    it.each([
      [['--format', 'xml'], /--format must be one of text, json, junit, sarif, github/],
      [['--no-such-flag'], /Unknown option '--no-such-flag'/],
      [['--kubernetes-version', '9.9', ...schemas.slice(0, 2)], /9\.9 is not vendored/],
      [['--output', '/nonexistent/dir/report.json'], /--output \/nonexistent\/dir\/report\.json: cannot write there/],
    ])('%j', async (args, message) => {
      const result = await runValidate(args);
      expect(result.exitCode).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });

    it('when KUSTOMIZE names something that cannot run', async () => {
      const result = await runValidate(['test/fixtures/overlays/app/overlay'], { env: { KUSTOMIZE: '/nonexistent/kustomize' } });
      expect(result.exitCode).toBe(2);
      expect(result.stderr).toMatch(/^validate: KUSTOMIZE=\/nonexistent\/kustomize cannot be run/m);
    });
  });
});
