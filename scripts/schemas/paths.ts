// Where the source packages live: only what `npm ci` installs, never a download.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const NODE_MODULES = join(PROJECT_ROOT, 'node_modules');
export const SCHEMAS_DIR = join(PROJECT_ROOT, 'schemas');

export function packageDir(name: string): string {
  const dir = join(NODE_MODULES, name);
  if (!existsSync(join(dir, 'package.json'))) {
    throw new Error(`schema generator: package ${name} is not installed; run npm ci`);
  }
  return dir;
}

export function packageVersion(name: string): string {
  return (JSON.parse(readFileSync(join(packageDir(name), 'package.json'), 'utf8')) as { version: string }).version;
}
