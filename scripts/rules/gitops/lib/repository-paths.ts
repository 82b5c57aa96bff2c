// Paths in GitOps objects are relative to the repository root; this turns them into one comparable form.
import { readdirSync } from 'node:fs';
import { posix } from 'node:path';
import { isDirectoryInside, realPathInside } from '../../../lib/repository-file.ts';

/**
 * 'overlays/prod' for './overlays/prod', 'overlays/prod/', '/overlays/prod' (Flux reads all as the same
 * directory); '.' for the root; undefined for a path that leaves the repository.
 */
export function repositoryPath(written: string): string | undefined {
  const trimmed = written.trim().replace(/^\/+/, '');
  const normal = posix.normalize(trimmed === '' ? '.' : trimmed).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) return undefined;
  return normal === '' ? '.' : normal;
}

/** A directory really inside the repository: one reached through a link that leaves it counts as absent. */
export function isDirectory(root: string, path: string): boolean {
  return isDirectoryInside(root, path);
}

/** Argo CD's directory generator patterns: `*` and `?` within one path segment, as Go's path.Match. */
export function isPattern(path: string): boolean {
  return /[*?[]/.test(path);
}

export function expandPattern(root: string, pattern: string): string[] {
  const segments = pattern.split('/');
  let matches = ['.'];
  for (const segment of segments) {
    const next: string[] = [];
    for (const base of matches) {
      if (!isPattern(segment)) {
        const candidate = base === '.' ? segment : `${base}/${segment}`;
        if (isDirectory(root, candidate)) next.push(candidate);
        continue;
      }
      const regex = segmentRegex(segment);
      // Listed at its real location, and only when that is inside: `evil/*` with evil -> / lists nothing.
      const dir = realPathInside(root, base);
      if (dir === undefined || !isDirectory(root, base)) continue;
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        // Dirent.isDirectory() is false for a link: an entry is a real directory under a real inside one.
        if (entry.isDirectory() && !entry.name.startsWith('.') && regex.test(entry.name)) {
          next.push(base === '.' ? entry.name : `${base}/${entry.name}`);
        }
      }
    }
    matches = next;
  }
  return matches.sort();
}

function segmentRegex(segment: string): RegExp {
  let source = '';
  for (const char of segment) {
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
