// The rendered diff between a git ref and the working tree, for every overlay on either side.
import { OverlayInputError, overlayLocation, repositoryAnchor } from './overlays.ts';
import { compareRenders, type DiffReport } from './format-diff.ts';
import { resolveKustomize } from '../render/kustomize-binary.ts';
import { RenderCache, renderCacheDir } from '../render/render-cache.ts';
import { renderAtRef, renderWorkingTree } from './render-at-ref.ts';
import { join } from 'node:path';
import { git, repositoryRoot, resolveCommit } from './git.ts';
import { KUSTOMIZATION_FILES, kustomizationFile } from '../sources/discover.ts';

export interface RenderedDiffRequest {
  base: string;
  /** Overlay names or paths as given; empty means every overlay on either side. */
  overlays: readonly string[];
  cwd: string;
}

export async function renderedDiff(request: RenderedDiffRequest): Promise<DiffReport> {
  const root = await repositoryRoot(repositoryAnchor(request.overlays, request.cwd));
  await resolveCommit(root, request.base);
  const overlays = request.overlays.length > 0 ? request.overlays.map((given) => overlayLocation(given, root, request.cwd).path) : undefined;
  // A misspelt overlay is a usage error: say so before rendering anything, not after both sides.
  for (const overlay of overlays ?? []) {
    if (kustomizationFile(join(root, overlay)) === undefined && !(await kustomizationAtRef(root, request.base, overlay))) {
      throw new OverlayInputError(`overlay ${overlay} has no kustomization at ${request.base} nor in the working tree`);
    }
  }
  const binary = await resolveKustomize();
  // The working tree's renders are the ones `npm run validate` keeps: a diff after a validate renders only the
  // ref. The ref's are kept too (its tree is exported where the next diff against the same base finds them,
  // ref-tree.ts): a diff typed again after an edit renders only what the edit changed.
  const options = { binary, renders: new RenderCache(renderCacheDir()) };
  const [before, after] = await Promise.all([renderAtRef(root, request.base, overlays, options), renderWorkingTree(root, overlays, options)]);
  const names = [...new Set([...before, ...after].map((render) => render.overlay))].sort();
  const labels = { before: request.base, after: 'working tree' };
  for (const name of names) {
    const somewhere = [...before, ...after].some((render) => render.overlay === name && render.exists);
    if (!somewhere) throw new OverlayInputError(`overlay ${name} has no kustomization at ${request.base} nor in the working tree`);
  }
  return {
    ...labels,
    overlays: names.map((name) =>
      compareRenders(
        name,
        before.find((render) => render.overlay === name),
        after.find((render) => render.overlay === name),
        labels,
      ),
    ),
  };
}

/** Whether the directory holds a kustomization file in the ref's tree. */
async function kustomizationAtRef(root: string, ref: string, overlay: string): Promise<boolean> {
  const commit = await resolveCommit(root, ref);
  const listing = await git(root, ['ls-tree', '--name-only', commit, '--', `${overlay === '.' ? '' : `${overlay}/`}`]).catch(() => '');
  const names = new Set(listing.split('\n').map((path) => path.slice(path.lastIndexOf('/') + 1)));
  return KUSTOMIZATION_FILES.some((name) => names.has(name));
}
