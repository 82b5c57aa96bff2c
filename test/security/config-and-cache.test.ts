// Files the toolkit reads besides the manifests: the rule configuration a pull request may replace, and the
// compiled-validator cache something else may have written. Neither is followed out, read unbounded, or trusted.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SchemaValidator } from '../../scripts/lib/check/schema-validator.ts';
import { loadConfig } from '../../scripts/rules/policies.ts';
import type { KubeObject } from '../../scripts/lib/model.ts';
import { parseResources } from '../../scripts/lib/parse/resources.ts';
import { CONFIG_FILE, MAX_CONFIG_BYTES, defaultRuleConfig } from '../../scripts/rules/config.ts';
import { evaluateRules } from '../../scripts/rules/engine.ts';
import { readOnlyRootFilesystem } from '../../scripts/rules/workload/read-only-root-filesystem.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'openclaw-files-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The error loadConfig throws, as the one line the command prints. */
function configError(root: string, explicit?: string): string {
  try {
    loadConfig(explicit, root);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected the configuration to be refused');
}

describe('validate.config.yaml from a pull request', () => {
  it('a link out of the repository is not followed, and nothing of its target appears in the error', () => {
    const secret = join(dir, 'outside.yaml');
    writeFileSync(secret, 'very-secret-first-key: 1\n');
    const root = mkdtempSync(join(dir, 'repo-'));
    symlinkSync(secret, join(root, CONFIG_FILE));
    const message = configError(root);
    expect(message).toBe(`${join(root, CONFIG_FILE)}: the configuration file is a symbolic link, which is not followed`);
    expect(message).not.toContain('very-secret');
  });

  it('a FIFO or a device is refused at once instead of blocking or filling memory', () => {
    const root = mkdtempSync(join(dir, 'repo-'));
    execFileSync('mkfifo', [join(root, CONFIG_FILE)]);
    expect(configError(root)).toMatch(/: the configuration file is not a regular file$/);
    expect(configError(root, '/dev/zero')).toBe('/dev/zero: the configuration file is not a regular file');
  });

  it('a file past the size bound is refused without being parsed', () => {
    const root = mkdtempSync(join(dir, 'repo-'));
    writeFileSync(join(root, CONFIG_FILE), `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
    expect(configError(root)).toMatch(/: the configuration file is larger than \d+ bytes$/);
  });

  it('a regular file still loads', () => {
    const root = mkdtempSync(join(dir, 'repo-'));
    writeFileSync(join(root, CONFIG_FILE), 'rules: {liveness-probe: warning}\n');
    expect(loadConfig(undefined, root).rules).toEqual({ 'liveness-probe': 'warning' });
  });
});

describe('an exemption whose reason is invisible', () => {
  const deployment = (reason: string) =>
    JSON.stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', annotations: { 'ignore-check.openclaw.dev/read-only-root-filesystem': reason } },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'x:1' }] } } },
    });
  const rulesOf = (reason: string) => {
    const { resources } = parseResources(deployment(reason), { source: 'overlays/dev', file: 'd.yaml' });
    return evaluateRules(resources, { source: 'overlays/dev', config: defaultRuleConfig, rules: [readOnlyRootFilesystem] }).map((f) => f.rule).sort();
  };

  it('is rejected like an empty one: zero-width space, BOM, joiners, bidi marks, Hangul filler', () => {
    for (const reason of ['\u200b', '\ufeff\u200d\u2060', ' \u200e\u200f ', '\u3164', '\u00ad\u034f']) {
      expect(rulesOf(reason), JSON.stringify(reason)).toEqual(['exemption-reason', 'read-only-root-filesystem']);
    }
    expect(rulesOf('writes its cache\u200b')).toEqual([]);
  });
});

describe('the compiled-validator cache', () => {
  const fixtures = join(import.meta.dirname, '..', 'fixtures', 'schemas');
  const validator = (cache: string) => new SchemaValidator({ locations: [fixtures], kubernetesVersion: '1.99.0', cacheDir: cache });
  const invalid = { apiVersion: 'example.com/v1', kind: 'Gadget', bogus: 1 } as unknown as KubeObject;
  const alwaysValid = 'module.exports = function validate() { return true; }; module.exports.default = module.exports;\n';

  /** A cache holding one entry; returns its path. */
  function primedCache(): string {
    const cache = mkdtempSync(join(dir, 'cache-'));
    expect(validator(cache).validate(invalid).kind).toBe('invalid');
    const [entry] = readdirSync(cache);
    return join(cache, entry!);
  }

  const tampering: Array<[string, (entry: string) => void]> = [
    ['an empty file', (entry) => writeFileSync(entry, '')],
    ['a cut-short file', (entry) => writeFileSync(entry, readFileSync(entry, 'utf8').slice(0, 200))],
    ['valid JavaScript that accepts everything', (entry) => writeFileSync(entry, alwaysValid)],
    [
      'an always-valid validator with a matching checksum',
      (entry) => {
        const sum = createHash('sha256').update(entry.split('/').at(-1)!).update('\0').update(alwaysValid).digest('hex');
        writeFileSync(entry, `// openclaw-validate sha256:${sum}\n${alwaysValid}`);
      },
    ],
    ['a link to /dev/zero', (entry) => (unlinkSync(entry), symlinkSync('/dev/zero', entry))],
    ['a FIFO', (entry) => (unlinkSync(entry), execFileSync('mkfifo', [entry]))],
  ];

  for (const [what, tamper] of tampering) {
    it(`is not trusted when the entry is ${what}: the schema still applies and the entry is rebuilt`, () => {
      const entry = primedCache();
      const good = readFileSync(entry, 'utf8');
      tamper(entry);
      const outcome = validator(join(entry, '..')).validate(invalid);
      expect(outcome.kind).toBe('invalid');
      expect(readFileSync(entry, 'utf8')).toBe(good);
    });
  }
});
