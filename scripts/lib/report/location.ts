// How a finding's place is written, shared by the formats that print one.
import type { Finding } from '../model.ts';

/** Repository-relative with forward slashes: the form GitHub, GitLab and editors resolve on every OS. */
export function repoPath(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

/**
 * `file:line:column` (the form terminals and editors turn into links); the source stands in for the file when
 * a finding has none, e.g. an overlay that failed to render.
 */
export function displayLocation(finding: Finding): string {
  let out = repoPath(finding.file ?? finding.source);
  if (finding.line !== undefined) {
    out += `:${finding.line}`;
    if (finding.column !== undefined) out += `:${finding.column}`;
  }
  return out;
}
