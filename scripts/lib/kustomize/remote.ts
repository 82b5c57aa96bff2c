// One notion of "remote" for every kustomization reader: anything kustomize would fetch or clone.

/**
 * True when kustomize would treat `entry` as something to download or clone rather than a plain local
 * path: any URL scheme (`https://`, `ssh://`, and `file://`, which kustomize git-clones), a go-getter
 * forced getter (`git::…`, `s3::…`), an scp-like `user@host:path`, a well-known forge host without
 * scheme (`github.com/org/repo`), or a git reference marker (`?ref=`, `?version=`, `.git//`, `_git/`).
 * A local path never needs any of these, so refusing them costs a correct repository nothing.
 */
export function isRemoteReference(entry: string): boolean {
  const trimmed = entry.trim();
  return (
    /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ||
    /^[a-z0-9][a-z0-9+.-]*::/i.test(trimmed) ||
    /^[^/\s@]+@[^/\s:]+:/.test(trimmed) ||
    /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|ssh\.dev\.azure\.com)(?:[/:]|$)/i.test(trimmed) ||
    /[?&](?:ref|version|submodules|timeout)=/i.test(trimmed) ||
    /\.git(?:\/\/|\?|$)/i.test(trimmed) ||
    /(?:^|\/)_git\//.test(trimmed)
  );
}
