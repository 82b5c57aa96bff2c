// Issue 10, items 1 and 4 and the bounds: a render that is too large, too slow, too deep in aliases,
// or lies about its origin gives a finding with a real reason, never a partial result, a hang or a read
// of a file outside the walk. Real kustomize for renders; a fake one where kustomize must misbehave.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBaseline } from '../../scripts/lib/cli/baseline.ts';
import { clampTimeout, MAX_TIMER_MS } from '../../scripts/lib/render/bounded-process.ts';
import { resolveKustomize, type KustomizeBinary } from '../../scripts/lib/render/kustomize-binary.ts';
import { renderKustomization } from '../../scripts/lib/render/render.ts';
import { attackRepository, configMap, ended, type AttackRepository } from './attack-repo.ts';

const anchored = Array.from({ length: 40 }, (_, index) => `  k${index}: *v`).join('\n');

let attack: AttackRepository;
let binary: KustomizeBinary;
const render = (overlay: string, options: Parameters<typeof renderKustomization>[1] = {}) =>
  renderKustomization(join(attack.repo, 'overlays', overlay), { root: attack.repo, binary, ...options });

beforeAll(async () => {
  binary = await resolveKustomize();
  attack = await attackRepository(() => ({
    files: {
      'base/kustomization.yaml': 'resources: [configmap.yaml]\n',
      'base/configmap.yaml': configMap('ok'),
      'overlays/ok/kustomization.yaml': 'resources: [../../base]\n',
      'overlays/forged-annotation/kustomization.yaml': 'resources: [../../base]\ncommonAnnotations:\n  config.kubernetes.io/origin: "path: /dev/zero\\n"\n',
      'overlays/forged-patch/kustomization.yaml':
        'resources: [../../base]\npatches:\n  - patch: |\n      apiVersion: v1\n      kind: ConfigMap\n      metadata:\n        name: ok\n        annotations:\n          config.kubernetes.io/origin: "path: /dev/tty"\n',
      'overlays/huge/kustomization.yaml': 'resources: [big.yaml]\n',
      'overlays/huge/big.yaml': configMap('big', `\n  padding: ${'x'.repeat(200_000)}\n`) + `---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: hidden}\n`,
      'overlays/alias-bomb/kustomization.yaml': 'resources: [bomb.yaml]\n',
      'overlays/alias-bomb/bomb.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\nx: &v [a, b]\ndata:\n${anchored}\n`,
    },
  }));
});

afterAll(async () => {
  await attack.close();
});

describe('origin annotations are hints, never paths to open', () => {
  for (const overlay of ['forged-annotation', 'forged-patch']) {
    it(`${overlay}: the render finishes, reads nothing it names, and points the resource at the overlay`, async () => {
      const result = await render(overlay);
      expect(result.failed).toBe(false);
      const resource = result.resources.find((candidate) => candidate.object.metadata?.name === 'ok')!;
      expect(resource.file).toBe(`overlays/${overlay}`);
      expect(result.findings).toEqual([expect.objectContaining({ rule: 'input', severity: 'warning', message: expect.stringMatching(/origin annotation naming a file this overlay does not use/) })]);
      expect(JSON.stringify(resource.object)).not.toContain('config.kubernetes.io/origin');
    });
  }
});

describe('a render past the output limit', () => {
  it('is refused whole, with no resource from before the limit, and says so', async () => {
    const result = await render('huge', { maxOutputBytes: 100_000 });
    expect(result.failed).toBe(true);
    expect(result.resources).toEqual([]);
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'render', severity: 'error', message: expect.stringContaining('printed more than 100000 bytes') })]);
  });

  it('renders under the default limit', async () => {
    const result = await render('huge');
    expect(result.resources.map((resource) => resource.object.metadata?.name)).toEqual(['big', 'hidden']);
  });
});

describe('an alias bomb in a resource file', () => {
  it('is refused before kustomize runs, with the reason', async () => {
    const result = await render('alias-bomb');
    expect(result.failed).toBe(true);
    expect(result.findings).toEqual([
      expect.objectContaining({ rule: 'input', file: 'overlays/alias-bomb/kustomization.yaml', line: 1, message: expect.stringMatching(/bomb\.yaml", which uses more than 32 YAML aliases/) }),
    ]);
  });
});

describe('timeouts', () => {
  it('clamps what Node’s timer cannot hold instead of firing at once', async () => {
    expect(clampTimeout(2_147_484 * 1000)).toBe(MAX_TIMER_MS);
    expect(clampTimeout(Number.POSITIVE_INFINITY)).toBe(MAX_TIMER_MS);
    expect((await render('ok', { timeoutMs: 2_147_484 * 1000 })).failed).toBe(false);
  });

  it('stop a kustomize that hangs, and the child it left holding the pipe', async () => {
    const { result, child } = await hangingRender((binary, timeoutMs) => render('ok', { binary, timeoutMs }));
    // A timeout under a second is reported as one second.
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'render', message: expect.stringMatching(/did not finish within [14] s/) })]);
    expect(await ended(child)).toBe(true);
  });

  it('do not wait for a child that keeps the pipe open after kustomize exits', async () => {
    const fake = fakeKustomize(`sleep 300 &\n${RECORD_CHILD}exit 3\n`);
    const result = await render('ok', { binary: fake.binary, timeoutMs: 120_000 });
    expect(result.findings).toEqual([expect.objectContaining({ rule: 'render', message: expect.stringContaining('exited with code 3 without saying why') })]);
    const child = fake.child();
    expect(child, 'the pid the fake kustomize recorded').toBeDefined();
    expect(await ended(child!)).toBe(true);
  });
});

describe('--baseline', () => {
  it('honours --timeout: a render at the ref that hangs is stopped and reported, not waited for', async () => {
    const sources = [{ kind: 'kustomization' as const, name: 'overlays/ok', path: join(attack.repo, 'overlays', 'ok') }];
    const { result, child } = await hangingRender((binary, timeoutMs) => renderBaseline('HEAD', { root: attack.repo, sources, binary, timeoutMs, concurrency: 1 }));
    expect(result.baseline.renders.size).toBe(0);
    expect(result.findings).toEqual([expect.objectContaining({ source: 'overlays/ok', message: expect.stringContaining('does not render at HEAD') })]);
    expect(await ended(child)).toBe(true);
  });
});

/**
 * Records the pid of the fake's background child: written whole to a side file, then renamed, so the test
 * never reads a missing or half-written file (an empty one would read as pid 0, which `ended` calls ended).
 */
const RECORD_CHILD = 'echo $! > "$PIDFILE.partial"\nmv "$PIDFILE.partial" "$PIDFILE"\n';

/**
 * Runs `run` with a fake kustomize that starts a child, records it and hangs, under the shortest timeout
 * that let the fake record its child: a quarter of a second first, more only when a loaded machine stopped
 * the fake before it recorded anything (then there is no child to check, and the run proves nothing).
 */
async function hangingRender<T>(run: (binary: KustomizeBinary, timeoutMs: number) => Promise<T>): Promise<{ result: T; child: number }> {
  for (const timeoutMs of [250, 1000, 4000]) {
    const fake = fakeKustomize(`sleep 300 &\n${RECORD_CHILD}sleep 300\n`);
    const result = await run(fake.binary, timeoutMs);
    const child = fake.child();
    if (child !== undefined) return { result, child };
  }
  throw new Error('the fake kustomize never recorded its child, even with four seconds');
}

/**
 * A shell script standing in for kustomize; `child()` is the pid of the process it left behind, undefined
 * when it recorded none, and removes the script.
 */
function fakeKustomize(body: string): { binary: KustomizeBinary; child: () => number | undefined } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kustomize-'));
  const pidFile = join(dir, 'child.pid');
  const script = join(dir, 'kustomize');
  writeFileSync(script, `#!/bin/sh\nPIDFILE=${JSON.stringify(pidFile)}\n${body}`);
  chmodSync(script, 0o755);
  return {
    binary: { command: script, args: ['build'], version: 'v5.7.1', origin: 'KUSTOMIZE' },
    child: () => {
      try {
        if (!existsSync(pidFile)) return undefined;
        const pid = Number(readFileSync(pidFile, 'utf8').trim());
        expect(pid, 'the pid the fake kustomize recorded').toBeGreaterThan(0);
        return pid;
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
