// Where the toolkit keeps what it derives once and reuses (the unpacked kubectl, compiled validators, kept
// renders), and the one way a file is put there.
import { randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** `OPENCLAW_VALIDATE_CACHE` moves it, e.g. to a directory a CI cache restores. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.OPENCLAW_VALIDATE_CACHE ?? join(PROJECT_ROOT, 'node_modules', '.cache'), 'openclaw-validate');
}

/**
 * Writes `data` whole under a private name beside `path`, then renames it there: a concurrent reader sees
 * the old file or the new one, never half of one. `wx` refuses to write through anything already at the
 * private name. Throws like writeFileSync; the private file is removed when the write fails.
 */
export function writeFileAtomically(path: string, data: string | Uint8Array, mode = 0o644): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.partial`;
  try {
    writeFileSync(partial, data, { flag: 'wx', mode });
    renameSync(partial, path);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
