// Moves the canary's image into another overlay: plan, validate a staged copy, then commit on a branch.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { copyFile, lstat, mkdir, mkdtemp, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Report } from '../model.ts';
import { resolveKustomize } from '../render/kustomize-binary.ts';
import { trackTemporaryDirectory } from '../render/interrupt.ts';
import { RenderCache, renderCacheDir } from '../render/render-cache.ts';
import { compareRenders, type DiffReport } from './format-diff.ts';
import { branchExists, commitOnNewBranch, currentBranch, headCommit, repositoryRoot, uncommittedChanges, validBranchName, workingTreeFiles } from './git.ts';
import { invalidImageField } from './image-reference.ts';
import { keptTree, type Tree } from './kept-tree.ts';
import { applyImageMoves, readImages, releaseName, sameImage, type ImageEntry, type ImageMove } from './images.ts';
import { kustomizationFile } from '../sources/discover.ts';
import { overlayLocation, repositoryAnchor, type OverlayLocation } from './overlays.ts';
import { commitMessage, promotionTitle, pullRequestBody, type PromotionSummary } from './pr-body.ts';
import { renderTree } from './render-at-ref.ts';
import { validateOverlay } from './validate-overlay.ts';

/** Why a promotion did not happen, as one line; exit 1 for a failed validation, 2 for anything else. */
export class PromotionRefused extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 2,
    /** Extra lines for the terminal, e.g. the findings of a failed validation. */
    readonly details = '',
  ) {
    super(message);
  }
}

export interface PromoteRequest {
  from: string;
  to: string;
  /** Image names to move; empty means every image whose entry differs. */
  images: readonly string[];
  dryRun: boolean;
  /** Directory inside the repository; the working directory when omitted. */
  repo?: string;
  cwd: string;
  ignoreMissingSchemas?: boolean;
}

export interface PromotionResult {
  summary: PromotionSummary;
  branch: string;
  /** The commit created on `branch`; undefined for a dry run. */
  commit?: string;
  /** The branch that was checked out, for `gh pr create --base`. */
  baseBranch?: string;
  title: string;
  body: string;
  report: Report;
  /** The target kustomization's new text. */
  text: string;
}

/** Which images move: the pure decision, refusing with a message the user can act on. */
export function planPromotion(from: { path: string; images: readonly ImageEntry[] }, to: { path: string; images: readonly ImageEntry[] }, requested: readonly string[]): ImageMove[] {
  if (from.images.length === 0) throw new PromotionRefused(`${from.path} has no images: entries to promote`);
  const names = requested.length > 0 ? [...new Set(requested)] : from.images.map((image) => image.name);
  const moves: ImageMove[] = [];
  for (const name of names) {
    const source = from.images.find((image) => image.name === name);
    if (!source) throw new PromotionRefused(`${from.path} has no images: entry named ${name} (it lists ${from.images.map((i) => i.name).join(', ')})`);
    const target = to.images.find((image) => image.name === name);
    if (!target) {
      const hint = requested.length > 0 ? 'add one first' : 'add one first, or choose the images with --image';
      throw new PromotionRefused(`${to.path} has no images: entry named ${name}; ${hint}`);
    }
    if (sameImage(source, target)) continue;
    // What is copied is written into a file, a commit, a branch name and a suggested command line.
    const invalid = invalidImageField(source);
    if (invalid) throw new PromotionRefused(`${from.path}: images: entry ${JSON.stringify(name)}: ${invalid}; nothing was changed`);
    moves.push({ name, before: target, after: source });
  }
  if (moves.length === 0) {
    const what = names.length === 1 ? `${names[0]} is` : 'the images are';
    throw new PromotionRefused(`nothing to promote: ${what} already the same in ${from.path} and ${to.path}`);
  }
  return moves;
}

/** A branch name git accepts: `promote/prod-2026.3.1`. */
export function branchName(target: OverlayLocation, moves: readonly ImageMove[]): string {
  const release = releaseName(moves[0]!.after).replace(/[^A-Za-z0-9._-]+/g, '-');
  return `promote/${target.name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${release}`;
}

export async function promote(request: PromoteRequest): Promise<PromotionResult> {
  const root = await repositoryRoot(request.repo ?? repositoryAnchor([request.from, request.to], request.cwd));
  const cwd = request.repo ?? request.cwd;
  const from = overlayLocation(request.from, root, cwd);
  const to = overlayLocation(request.to, root, cwd);
  if (from.path === to.path) throw new PromotionRefused(`--from and --to are the same overlay (${from.path})`);
  const fromFile = await requireRegularFile(root, requireKustomization(root, from));
  const toFile = await requireRegularFile(root, requireKustomization(root, to));
  const toFileRel = relative(root, toFile).split(sep).join('/');
  const targetText = await readFile(toFile, 'utf8');
  const moves = planPromotion(
    { path: from.path, images: readImages(await readFile(fromFile, 'utf8'), relative(root, fromFile)) },
    { path: to.path, images: readImages(targetText, toFileRel) },
    request.images,
  );
  const text = applyImageMoves(targetText, toFileRel, moves);
  const branch = branchName(to, moves);
  const head = request.dryRun ? undefined : await requireCleanStart(root, branch);

  const binary = await resolveKustomize();
  const stage = await mkdtemp(join(tmpdir(), 'openclaw-promote-'));
  const untrack = trackTemporaryDirectory(stage);
  let staged: Tree | undefined;
  try {
    // The promoted overlay is rendered from a copy of the working tree, so the user's files are
    // written only after it validates, and never at all by a dry run. The copy is made at a path named
    // after the repository (kept-tree.ts), where the render cache finds it again: a promotion after its dry
    // run renders the promoted overlay once.
    staged = await keptTree('promote', repositoryName(root), renderCacheDir(), async (copy) => {
      await copyWorkingTree(root, copy);
      // The copy holds the repository's symlinks too: replace the file instead of writing through whatever is there.
      await rm(join(copy, toFileRel), { force: true });
      await writeFile(join(copy, toFileRel), text, { flag: 'wx' });
    });
    const tree = staged.dir;
    const report = await validateOverlay(join(tree, to.path), { root: tree, binary, ignoreMissingSchemas: request.ignoreMissingSchemas });
    if (report.summary.errors > 0) {
      throw new PromotionRefused(`validation of the promoted ${to.path} failed with ${report.summary.errors} error(s); nothing was changed`, 1, errorLines(report));
    }
    // Through the renders validateOverlay keeps: the promoted copy was just rendered there, under the same path.
    const renders = new RenderCache(renderCacheDir());
    const [before] = await renderTree(root, [to.path], { binary, renders });
    const [after] = await renderTree(tree, [to.path], { binary, renders });
    const diff: DiffReport = { before: 'current', after: 'promoted', overlays: [compareRenders(to.path, before, after, { before: 'current', after: 'promoted' })] };
    const summary: PromotionSummary = { from: from.path, to: to.path, moves };
    const title = promotionTitle(summary);
    const body = pullRequestBody(summary, diff, report);
    const baseBranch = await currentBranch(root);
    if (request.dryRun || head === undefined) return { summary, branch, title, body, report, text, baseBranch };
    const commit = await commitOnNewBranch(root, branch, [{ path: toFileRel, content: text }], commitMessage(summary, report), join(stage, 'index'), head);
    return { summary, branch, commit, title, body, report, text, baseBranch };
  } finally {
    await staged?.remove();
    await rm(stage, { recursive: true, force: true });
    untrack();
  }
}

/** The same for every run in one checkout, and for no other: a digest of its real path. */
function repositoryName(root: string): string {
  return createHash('sha256').update(realpathSync(root)).digest('hex').slice(0, 32);
}

function requireKustomization(root: string, overlay: OverlayLocation): string {
  const file = kustomizationFile(join(root, overlay.path));
  if (!file) throw new PromotionRefused(`overlay ${overlay.path} not found (no kustomization.yaml in ${join(root, overlay.path)})`);
  return file;
}

/**
 * Refuses a kustomization reached through a symbolic link (the file or any directory above it, up to the
 * repository root) or that is not a regular file: promote reads and writes only files the repository holds,
 * so a link cannot make it read, overwrite or commit something elsewhere.
 */
async function requireRegularFile(root: string, file: string): Promise<string> {
  const rel = relative(root, file);
  if (rel.startsWith('..') || rel === '') throw new PromotionRefused(`${file} is outside the repository ${root}`);
  let at = root;
  for (const segment of rel.split(sep)) {
    at = join(at, segment);
    const info = await lstat(at);
    if (info.isSymbolicLink()) {
      throw new PromotionRefused(`${relative(root, at).split(sep).join('/')} is a symbolic link; promote reads and edits only regular files inside the repository`);
    }
  }
  if (!(await lstat(file)).isFile()) throw new PromotionRefused(`${rel.split(sep).join('/')} is not a regular file`);
  return file;
}

/** The commit the promotion builds on, once the repository is ready for one. */
async function requireCleanStart(root: string, branch: string): Promise<string> {
  const head = await headCommit(root);
  if (head === undefined) throw new PromotionRefused('the repository has no commits yet; commit the manifests first (promote adds a commit on top of HEAD)');
  const dirty = await uncommittedChanges(root);
  if (dirty.length > 0) {
    const first = dirty[0]!.slice(3);
    throw new PromotionRefused(`the working tree has uncommitted changes (${dirty.length} path${dirty.length === 1 ? '' : 's'}, e.g. ${first}); commit or stash them first`);
  }
  if (!(await validBranchName(root, branch))) throw new PromotionRefused(`cannot name a branch ${branch}`);
  if (await branchExists(root, branch)) throw new PromotionRefused(`branch ${branch} already exists; delete it (git branch -D ${branch}) or merge it first`);
  return head;
}

async function copyWorkingTree(root: string, target: string): Promise<void> {
  for (const file of await workingTreeFiles(root)) {
    const source = join(root, file);
    const info = await lstat(source).catch(() => undefined);
    if (!info) continue;
    const destination = join(target, file);
    await mkdir(dirname(destination), { recursive: true });
    if (info.isSymbolicLink()) await symlink(await readlink(source), destination);
    else if (info.isFile()) await copyFile(source, destination);
  }
}

const MAX_ERROR_LINES = 20;

function errorLines(report: Report): string {
  const errors = report.findings.filter((finding) => finding.severity === 'error');
  const lines = errors
    .slice(0, MAX_ERROR_LINES)
    .map((finding) => `  ${finding.file ?? finding.source}${finding.line ? `:${finding.line}` : ''}  ${finding.rule}  ${finding.message}`);
  if (errors.length > MAX_ERROR_LINES) lines.push(`  … and ${errors.length - MAX_ERROR_LINES} more (npm run validate -- ${report.sources[0]?.source ?? ''})`);
  if (errors.some((finding) => finding.rule === 'unknown-kind')) {
    lines.push('  (no schema is vendored for some kinds: run npm run schemas, or pass --ignore-missing-schemas)');
  }
  return lines.join('\n');
}
