// Overlay names as the commands take them: `prod` means overlays/prod, anything with a slash is a path.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
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

const looksLikePath = (given: string) => given.includes('/') || given.includes(sep) || given === '.' || given === '..';

/**
 * Where to look for the repository: the overlays given as paths belong to the repository the command is
 * about, wherever it was typed (as validate takes its root from its paths). The first one that exists, or
 * its nearest existing parent; the working directory when every overlay is a name.
 */
export function repositoryAnchor(overlays: readonly string[], cwd: string): string {
  const path = overlays.find(looksLikePath);
  if (path === undefined) return cwd;
  let anchor = resolve(cwd, path);
  while (!existsSync(anchor) && dirname(anchor) !== anchor) anchor = dirname(anchor);
  return statSync(anchor).isDirectory() ? anchor : dirname(anchor);
}

/** Maps a command-line overlay to its repository-relative directory; it need not exist (yet). */
export function overlayLocation(given: string, root: string, cwd: string): OverlayLocation {
  const absolute = looksLikePath(given) ? resolve(cwd, given) : join(root, OVERLAYS_DIRECTORY, given);
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
