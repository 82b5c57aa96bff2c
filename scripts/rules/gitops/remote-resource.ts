import { posix } from 'node:path';
import type { Resource } from '../../lib/model.ts';
import { pointer } from '../../lib/model.ts';
import { listAt } from '../cross/lib/values.ts';
import type { RepositoryContext, RepositoryRule, Violation } from '../rule.ts';
import { hasKustomizationFile } from '../../lib/repository-files.ts';
import { filesOf } from './lib/repository-model.ts';
import { kustomizationOf } from './lib/kustomization-file.ts';
import { overlaysOf, type Overlay } from './lib/overlays.ts';
import { isRemote, remotePin } from './lib/remote-refs.ts';
import { repositoryPath } from './lib/repository-paths.ts';

// `bases` is the pre-v3 spelling of resources; kustomize v5 still reads it.
const FIELDS = ['resources', 'components', 'bases'] as const;
const INCLUDING = /^(resources|components|bases)\[\d+\]$/;

export const remoteResource: RepositoryRule = {
  scope: 'repository',
  id: 'remote-resource',
  severity: 'error',
  description:
    'Kustomization resources and components (of every overlay and what it includes) are local, or remote ones are pinned to a full 40-character commit SHA or a release tag (v1.2.3, 1.2.3, v1.2), never a branch, HEAD, a short hash or no ref at all. The ref is read where the URL layout puts it: ?ref=, raw.githubusercontent.com/<org>/<repo>/<ref>/, github.com/<org>/<repo>/releases/download/<tag>/.',
  fix: 'Vendor the remote files into the repository, or pin the URL with ?ref=<40-hex commit> or ?ref=vX.Y.Z.',
  kinds: ['Kustomization'],
  equivalents: {},
  check(context) {
    const violations: Violation[] = [];
    const visited = new Set<string>();
    // An overlay the render guard refused (or kustomize failed on) is not read again here: its files may lead
    // out of the repository, and its own finding already says why it did not render.
    for (const overlay of overlaysOf(context)) {
      if (!overlay.rendered) continue;
      if (overlay.checked.kustomizations) fromGuardGraph(overlay, visited, violations);
      else fromListing(context, overlay, visited, violations);
    }
    return violations;
  },
};

/** The kustomizations the render guard walked for the overlay: one walker, one notion of remote. */
function fromGuardGraph(overlay: Overlay, visited: Set<string>, violations: Violation[]): void {
  for (const node of overlay.checked.kustomizations?.nodes ?? []) {
    if (visited.has(node.dir) || !node.resource) continue;
    visited.add(node.dir);
    for (const entry of node.entries) {
      if (!entry.remote || !INCLUDING.test(entry.field)) continue;
      const pin = remotePin(entry.value);
      if (!pin.pinned) violations.push(remoteViolation(node.resource, entry.pointer, entry.value, pin.reason));
    }
  }
}

/** Without the guard's graph (a context built by hand): the kustomization files of the repository listing. */
function fromListing(context: RepositoryContext, overlay: Overlay, visited: Set<string>, violations: Violation[]): void {
  const files = filesOf(context);
  const walk = (dir: string) => {
    if (visited.has(dir)) return;
    visited.add(dir);
    const kustomization = kustomizationOf(files, dir, overlay.checked.source.name);
    if (!kustomization) return;
    for (const field of FIELDS) {
      listAt(kustomization.object, field).forEach((entry, index) => {
        if (typeof entry !== 'string') return;
        if (isRemote(entry)) {
          const pin = remotePin(entry);
          if (!pin.pinned) violations.push(remoteViolation(kustomization, pointer(field, index), entry, pin.reason));
          return;
        }
        // Local directories are followed: a base or component may pull in a remote of its own.
        const child = repositoryPath(posix.join(dir, entry));
        if (child !== undefined && hasKustomizationFile(files, child)) walk(child);
      });
    }
  };
  walk(overlay.dir);
}

function remoteViolation(kustomization: Resource, path: string, entry: string, reason: string): Violation {
  return {
    resource: kustomization,
    path,
    message: `${kustomization.file} includes the remote ${entry}, and ${reason}: the render changes without a commit here`,
  };
}
