// Issue 10: a truncated kubectl in the cache was never unpacked again, breaking every later run.
import { mkdtempSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PINNED_KUBECTL_VERSION, resolveKustomize } from '../../scripts/lib/render/kustomize-binary.ts';

const cache = mkdtempSync(join(tmpdir(), 'kubectl-cache-'));
const empty = mkdtempSync(join(tmpdir(), 'empty-path-'));
const env = { ...process.env, PATH: empty, OPENCLAW_VALIDATE_CACHE: cache };
const kubectl = join(cache, 'openclaw-validate', `kubectl-${PINNED_KUBECTL_VERSION}`, 'kubectl');

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
