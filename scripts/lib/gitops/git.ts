// The few git operations the promotion and diff commands need, always as argument arrays.
import { execa } from 'execa';

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

export async function repositoryRoot(dir: string): Promise<string> {
  try {
    return await git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new GitInputError(`${dir} is not inside a git repository`);
  }
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

/**
 * Commits `changes` on top of HEAD as a new branch without checking anything out: a private index
 * built from HEAD, the new blobs, one commit, then the branch ref created only if it does not exist
 * yet. The user's working tree, index and current branch are untouched, and a failure leaves nothing.
 */
export async function commitOnNewBranch(root: string, branch: string, changes: readonly FileChange[], message: string, indexFile: string): Promise<string> {
  const env = { ...process.env, GIT_INDEX_FILE: indexFile };
  await git(root, ['read-tree', 'HEAD'], { env });
  for (const change of changes) {
    const blob = await git(root, ['hash-object', '-w', '--stdin', '--path', change.path], { input: change.content });
    const mode = (await git(root, ['ls-files', '-s', '--', change.path], { env })).split(' ')[0] || '100644';
    await git(root, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${change.path}`], { env });
  }
  const tree = await git(root, ['write-tree'], { env });
  const head = await git(root, ['rev-parse', 'HEAD']);
  const commit = await git(root, ['commit-tree', tree, '-p', head, '-F', '-'], { input: message });
  // The empty old value makes git refuse when the branch appeared in the meantime.
  await git(root, ['update-ref', '-m', 'promote', `refs/heads/${branch}`, commit, '']);
  return commit;
}
