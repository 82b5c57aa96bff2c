// The few git operations the promotion and diff commands need, always as argument arrays.
import { execa } from 'execa';
import { gitWorkTree } from '../sources/discover.ts';

/** The directory is not in a git repository, or a ref does not name a commit: bad input (exit 2). */
export class GitInputError extends Error {}

export async function git(cwd: string, args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  const result = await execa('git', [...args], {
    cwd,
    reject: false,
    stripFinalNewline: true,
    ...(options.input !== undefined ? { input: options.input } : { stdin: 'ignore' }),
    ...(options.env ? { env: options.env } : {}),
  });
  if (result.exitCode !== 0) {
    const message = String(result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    throw new Error(`git ${args[0]} failed: ${message}`);
  }
  return String(result.stdout);
}

/**
 * The git work tree that holds `dir`: the one finder validate uses too (scripts/lib/sources/discover.ts), so
 * the commands agree on the repository, and its path is as the user wrote it (not through links), which is
 * how the overlays given are resolved against it.
 */
export async function repositoryRoot(dir: string): Promise<string> {
  const root = gitWorkTree(dir);
  if (root === undefined) throw new GitInputError(`${dir} is not inside a git repository`);
  return root;
}

/** The commit a ref names, or a GitInputError naming the ref. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (ref.startsWith('-')) throw new GitInputError(`unknown git ref: ${ref}`);
  try {
    return await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    throw new GitInputError(`unknown git ref: ${ref}`);
  }
}

/** Changed or untracked (not ignored) paths, as `git status --porcelain` lists them. */
export async function uncommittedChanges(root: string): Promise<string[]> {
  const out = await git(root, ['status', '--porcelain', '--untracked-files=normal']);
  return out.split('\n').filter((line) => line.trim() !== '');
}

export async function branchExists(root: string, branch: string): Promise<boolean> {
  const result = await execa('git', ['show-ref', '--verify', '--quiet', `refs/heads/${branch}`], { cwd: root, reject: false, stdin: 'ignore' });
  return result.exitCode === 0;
}

export async function validBranchName(root: string, branch: string): Promise<boolean> {
  const result = await execa('git', ['check-ref-format', '--branch', branch], { cwd: root, reject: false, stdin: 'ignore' });
  return result.exitCode === 0;
}

/** The checked-out branch, or undefined on a detached HEAD. */
export async function currentBranch(root: string): Promise<string | undefined> {
  const result = await execa('git', ['symbolic-ref', '--quiet', '--short', 'HEAD'], { cwd: root, reject: false, stdin: 'ignore' });
  return result.exitCode === 0 ? String(result.stdout).trim() : undefined;
}

/** Tracked files plus untracked ones that are not ignored: what the working tree means to kustomize. */
export async function workingTreeFiles(root: string): Promise<string[]> {
  const out = await git(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']);
  return [...new Set(out.split('\0').filter((path) => path !== ''))];
}

export interface FileChange {
  /** Repository-relative, with forward slashes. */
  path: string;
  content: string;
}

/** The commit HEAD names, or undefined in a repository with no commits yet. */
export async function headCommit(root: string): Promise<string | undefined> {
  const result = await execa('git', ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], { cwd: root, reject: false, stdin: 'ignore' });
  return result.exitCode === 0 ? String(result.stdout).trim() : undefined;
}

/** File modes a promotion must not write content into: a symlink would become a link to the text, a submodule is no file. */
const NOT_A_FILE: Readonly<Record<string, string>> = { '120000': 'a symbolic link', '160000': 'a submodule' };

/**
 * Commits `changes` on top of `parent` (the HEAD that was checked) as a new branch without checking anything
 * out: a private index built from it, the new blobs, one commit, then the branch ref created only if it does
 * not exist yet. The user's working tree, index and current branch are untouched, and a failure leaves
 * nothing but an unreferenced commit. Basing on `parent` rather than HEAD means a commit made meanwhile
 * cannot end up under a change validated without it.
 */
export async function commitOnNewBranch(root: string, branch: string, changes: readonly FileChange[], message: string, indexFile: string, parent: string): Promise<string> {
  const env = { ...process.env, GIT_INDEX_FILE: indexFile };
  await git(root, ['read-tree', parent], { env });
  for (const change of changes) {
    const blob = await git(root, ['hash-object', '-w', '--stdin', '--path', change.path], { input: change.content });
    const mode = (await git(root, ['ls-files', '-s', '--', change.path], { env })).split(' ')[0] || '100644';
    if (NOT_A_FILE[mode]) throw new GitInputError(`${change.path} is ${NOT_A_FILE[mode]} in ${parent.slice(0, 12)}; promote edits only regular files`);
    await git(root, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${change.path}`], { env });
  }
  const tree = await git(root, ['write-tree'], { env });
  const commit = await git(root, ['commit-tree', tree, '-p', parent, '-F', '-'], { input: message });
  // The empty old value makes git refuse when the branch appeared in the meantime.
  try {
    await git(root, ['update-ref', '-m', 'promote', `refs/heads/${branch}`, commit, '']);
  } catch (error) {
    if (await branchExists(root, branch)) {
      throw new GitInputError(`branch ${branch} was created by something else while promote ran; nothing was changed (delete it, or merge it first)`);
    }
    throw new GitInputError(`cannot create branch ${branch}: ${(error as Error).message}`);
  }
  return commit;
}
