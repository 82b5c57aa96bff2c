// Reading a file or listing a directory the pull request supplies, only where it really is inside the
// repository: a path whose real location (every symbolic link resolved) lies outside the root is treated as
// absent, so a rule can never quote, list or choke on a file elsewhere on the machine (/etc, /dev/zero).
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { readBoundedFile } from './bounded-file.ts';

/** The real path of `root`/`path` when it exists and lies inside the real root; undefined otherwise. */
export function realPathInside(root: string, path: string): string | undefined {
  try {
    const realRoot = realpathSync(root);
    const real = realpathSync(join(root, path));
    const rel = relative(realRoot, real);
    if (rel === '..' || rel.startsWith(`..${'/'}`) || rel.startsWith('..\\') || isAbsolute(rel)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** Whether `root`/`path` is a directory whose real location is inside the repository. */
export function isDirectoryInside(root: string, path: string): boolean {
  const real = realPathInside(root, path);
  if (real === undefined) return false;
  try {
    return statSync(real).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The text of `root`/`path` when it is a regular file inside the repository of at most `maxBytes`;
 * undefined when it is absent, outside, not a regular file, or too large (the render guard reports those).
 */
export function readFileInside(root: string, path: string, maxBytes: number): string | undefined {
  const real = realPathInside(root, path);
  if (real === undefined) return undefined;
  try {
    return readBoundedFile(real, maxBytes).toString('utf8');
  } catch {
    return undefined;
  }
}
