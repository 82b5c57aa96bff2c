// Where the toolkit keeps what it derives once and reuses (the unpacked kubectl, compiled validators).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT_ROOT = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** `OPENCLAW_VALIDATE_CACHE` moves it, e.g. to a directory a CI cache restores. */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.OPENCLAW_VALIDATE_CACHE ?? join(PROJECT_ROOT, 'node_modules', '.cache'), 'openclaw-validate');
}
