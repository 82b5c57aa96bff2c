// Kustomize remote targets (git repositories, URLs) and whether they are pinned to something immutable.
import { isRemoteReference } from '../../../lib/kustomize/remote.ts';

/** The one notion of "remote" the render guard uses too (issue 14): kept under this name for the rules. */
export const isRemote = isRemoteReference;

const COMMIT = /^[0-9a-f]{40}$/i;
/** v1.2, v1.2.3, 1.2.3, v1.2.3-rc.1, kustomize/v5.4.0: a release tag, by the convention everyone follows. */
const TAG = /^(?:[\w.-]+\/)?v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/;

export function isPinnedRef(ref: string): boolean {
  return COMMIT.test(ref) || TAG.test(ref);
}

const SHORT_COMMIT = /^[0-9a-f]{7,39}$/i;

export type RemotePin = { pinned: true } | { pinned: false; reason: string };

/** Where a URL carries its revision, and the revision: only known layouts, never a guess from any segment. */
interface LocatedRef {
  ref: string;
  /** How the message names it: `ref=main`, or `the ref "main" in its path`. */
  label: string;
}

function locateRef(entry: string): LocatedRef | undefined {
  const query = entry.includes('?') ? new URLSearchParams(entry.slice(entry.indexOf('?') + 1)) : undefined;
  // `version` is kustomize's older spelling of `ref`.
  for (const key of ['ref', 'version']) {
    const ref = query?.get(key);
    if (ref !== null && ref !== undefined) return { ref, label: `${key}=${ref}` };
  }
  const ref = refInPath(entry);
  return ref === undefined ? undefined : { ref, label: `the ref "${ref}" in its path` };
}

/** raw.githubusercontent.com/<org>/<repo>/<ref>/..., github.com/<org>/<repo>/{raw/<ref>,releases/download/<tag>}/... */
function refInPath(entry: string): string | undefined {
  let url: URL;
  try {
    url = new URL(entry);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol)) return undefined;
  const segments = url.pathname.split('/').filter((segment) => segment !== '').map(decodeURIComponent);
  const host = url.hostname.toLowerCase();
  if (host === 'raw.githubusercontent.com' && segments.length > 3) {
    // The long form spells the kind out: refs/heads/<branch>/... or refs/tags/<tag>/...
    if (segments[2] === 'refs' && segments.length > 5) return segments[4];
    return segments[2];
  }
  if (host === 'github.com' && segments[2] === 'raw' && segments.length > 4) return segments[3];
  if (host === 'github.com' && segments[2] === 'releases' && segments[3] === 'download' && segments.length > 5) return segments[4];
  return undefined;
}

export function remotePin(entry: string): RemotePin {
  const located = locateRef(entry);
  if (located === undefined) return { pinned: false, reason: 'it names no commit or tag, so it follows whatever the default branch holds' };
  const { ref, label } = located;
  if (ref === '') return { pinned: false, reason: 'its ref is empty' };
  if (isPinnedRef(ref)) return { pinned: true };
  if (/^head$/i.test(ref)) return { pinned: false, reason: `${label} moves with every push` };
  if (SHORT_COMMIT.test(ref)) return { pinned: false, reason: `${label} is a short commit hash (use the full 40-character hash), which can become ambiguous` };
  return { pinned: false, reason: `${label} is a branch or unknown ref, which can move with every push` };
}
