// Overlay names as the commands take them: `prod` means overlays/prod, anything with a slash is a path.
import { existsSync, readdirSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { kustomizationFile } from '../sources/discover.ts';

export const OVERLAYS_DIRECTORY = 'overlays';

/** An overlay that cannot be found or lies outside the repository: bad input (exit 2). */
export class OverlayInputError extends Error {}

export interface OverlayLocation {
  /** Repository-relative directory with forward slashes, e.g. 'overlays/prod'. */
  path: string;
  /** The short name used in branch names: the directory's last segment. */
  name: string;
}

/** Maps a command-line overlay to its repository-relative directory; it need not exist (yet). */
export function overlayLocation(given: string, root: string, cwd: string): OverlayLocation {
  const looksLikePath = given.includes('/') || given.includes(sep) || given === '.' || given === '..';
  const absolute = looksLikePath ? resolve(cwd, given) : join(root, OVERLAYS_DIRECTORY, given);
  const rel = relative(root, absolute);
  if (rel.startsWith('..') || isAbsolute(rel)) throw new OverlayInputError(`overlay ${given} is outside the repository ${root}`);
  const path = rel === '' ? '.' : rel.split(sep).join('/');
  const segments = path.split('/');
  return { path, name: segments[segments.length - 1] === '.' ? 'root' : segments[segments.length - 1]! };
}

/** Every directory under `root`/overlays/ holding a kustomization, repository-relative and sorted. */
export function listOverlays(root: string): string[] {
  const dir = join(root, OVERLAYS_DIRECTORY);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && kustomizationFile(join(dir, entry.name)) !== undefined)
    .map((entry) => `${OVERLAYS_DIRECTORY}/${entry.name}`)
    .sort();
}
