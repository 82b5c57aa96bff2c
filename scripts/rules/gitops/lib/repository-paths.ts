// Paths in GitOps objects are relative to the repository root; this turns them into one comparable form.
import { posix } from 'node:path';

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

/** Argo CD's directory generator patterns: `*` and `?` within one path segment, as Go's path.Match. */
export function isPattern(path: string): boolean {
  return /[*?[]/.test(path);
}

