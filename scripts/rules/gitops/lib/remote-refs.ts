// Kustomize remote targets (git repositories, URLs) and whether they are pinned to something immutable.

/** kustomize tries a local path first; these forms can only be remote. */
export function isRemote(entry: string): boolean {
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ||
    /^git::/.test(entry) ||
    /^[\w.-]+@[\w.-]+:/.test(entry) ||
    /^(github\.com|gitlab\.com|bitbucket\.org)\//i.test(entry)
  );
}

const COMMIT = /^[0-9a-f]{40}$/i;
/** v1.2, v1.2.3, 1.2.3, v1.2.3-rc.1, kustomize/v5.4.0: a release tag, by the convention everyone follows. */
const TAG = /^(?:[\w.-]+\/)?v?\d+\.\d+(?:\.\d+)?(?:[-+][0-9A-Za-z.-]+)?$/;

export function isPinnedRef(ref: string): boolean {
  return COMMIT.test(ref) || TAG.test(ref);
}

export type RemotePin = { pinned: true } | { pinned: false; reason: string };

export function remotePin(entry: string): RemotePin {
  const query = entry.includes('?') ? new URLSearchParams(entry.slice(entry.indexOf('?') + 1)) : undefined;
  const ref = query?.get('ref') ?? query?.get('version') ?? undefined;
  if (ref !== undefined) {
    if (ref === '') return { pinned: false, reason: 'its ref is empty' };
    if (isPinnedRef(ref)) return { pinned: true };
    return { pinned: false, reason: /^head$/i.test(ref) ? 'ref=HEAD moves with every push' : `ref=${ref} is a branch, which moves with every push` };
  }
  // A raw file URL carries its revision in the path (raw.githubusercontent.com/org/repo/<ref>/..., releases/download/<tag>/...).
  const path = entry.replace(/\?.*$/, '').split('/');
  if (/^https?:\/\//i.test(entry) && path.some((segment) => isPinnedRef(segment))) return { pinned: true };
  return { pinned: false, reason: 'it names no commit or tag, so it follows whatever the default branch holds' };
}
