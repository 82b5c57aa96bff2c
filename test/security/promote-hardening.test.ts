// promote against a hostile canary and a hostile checkout, with real git: refusals leave git untouched,
// nothing is written through a link, and the printed command lines are inert when pasted.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitOnNewBranch, GitInputError } from '../../scripts/lib/release/git.ts';
import { nextStepsText } from '../../scripts/lib/release/pr-body.ts';
import { promote, PromotionRefused } from '../../scripts/lib/release/promotion.ts';
import { KustomizationEditError } from '../../scripts/lib/release/images.ts';
import { DIGEST, commitAll, edit, git, manifestRepository, removeRepository } from '../promotion/repo.ts';

const PROD = 'overlays/prod/kustomization.yaml';
const CANARY = 'overlays/canary/kustomization.yaml';

let repo: string;
let outside: string;
beforeEach(async () => {
  repo = await manifestRepository();
  outside = await mkdtemp(join(tmpdir(), 'openclaw-outside-'));
});
afterEach(async () => {
  await removeRepository(repo);
  await rm(outside, { recursive: true, force: true });
});

/** Everything git knows, to compare before and after a refusal: every ref and HEAD (one process), and the status. */
async function gitState(): Promise<string> {
  return [await git(repo, 'show-ref', '--head'), await git(repo, 'status', '--porcelain')].join('\n');
}

/** Replaces the canary's `newTag` line (whatever release it names) with the given lines. */
async function canaryImageLines(lines: string): Promise<void> {
  await edit(join(repo, CANARY), (text) => text.replace(/^ {4}newTag: .*\n/m, lines));
}

/** The old tag prod's version label holds, read from the file rather than assumed. */
async function prodVersion(): Promise<string> {
  return /app\.kubernetes\.io\/version: "([^"]+)"/.exec(await readFile(join(repo, PROD), 'utf8'))![1]!;
}

async function refusal(run: Promise<unknown>): Promise<Error> {
  const error = await run.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

const request = (extra: { dryRun?: boolean } = {}) => ({ from: 'canary', to: 'prod', images: [], dryRun: false, cwd: repo, ignoreMissingSchemas: true, ...extra });

describe('promote refuses hostile input before writing anything', () => {
  it('an image tag that is shell syntax is refused with exit 2, git untouched, nothing run', async () => {
    await canaryImageLines('    newTag: "2026.3.1$(touch${IFS}PWNED)"\n');
    await commitAll(repo, 'canary: hostile tag');
    const before = await gitState();
    for (const dryRun of [true, false]) {
      const error = await refusal(promote(request({ dryRun })));
      expect(error).toBeInstanceOf(PromotionRefused);
      expect((error as PromotionRefused).exitCode).toBe(2);
      expect(error.message).toMatch(/^overlays\/canary: images: entry "ghcr\.io\/openclaw\/openclaw": newTag "2026\.3\.1\$\(touch\$\{IFS\}PWNED\)" is not valid/);
    }
    expect(await gitState()).toBe(before);
    expect(existsSync(join(repo, 'PWNED'))).toBe(false);
  });

  it('a digest that is not ALGORITHM:HEX is refused', async () => {
    await canaryImageLines('    newTag: "2026.3.1"\n    digest: "sha256:abc`id`"\n');
    await commitAll(repo, 'canary: hostile digest');
    const error = await refusal(promote(request({ dryRun: true })));
    expect(error.message).toContain('digest "sha256:abc`id`" is not valid');
  });

  it('a symlinked target kustomization is refused, in a dry run too, and the file it points to is untouched', async () => {
    const target = join(outside, 'kustomization.yaml');
    await writeFile(target, await readFile(join(repo, PROD), 'utf8'));
    await rm(join(repo, PROD));
    await symlink(target, join(repo, PROD));
    await commitAll(repo, 'prod: a link out of the repository');
    const before = await gitState();
    const original = await readFile(target, 'utf8');
    for (const dryRun of [true, false]) {
      const error = await refusal(promote(request({ dryRun })));
      expect(error.message).toBe(`${PROD} is a symbolic link; promote reads and edits only regular files inside the repository`);
    }
    expect(await readFile(target, 'utf8')).toBe(original);
    expect(await gitState()).toBe(before);
  });

  it('an overlay directory that is a link (even one inside the repository) is refused', async () => {
    await rm(join(repo, 'overlays/prod'), { recursive: true });
    await symlink(join(repo, 'overlays/canary'), join(repo, 'overlays/prod'));
    await commitAll(repo, 'prod: linked directory');
    const error = await refusal(promote(request({ dryRun: true })));
    expect(error.message).toMatch(/^overlays\/prod is a symbolic link/);
  });

  it('a repository with no commits gets one clear line', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'openclaw-empty-'));
    try {
      await git(empty, 'init', '--quiet', '--initial-branch=main');
      await mkdir(join(empty, 'overlays'));
      for (const overlay of ['canary', 'prod']) {
        await mkdir(join(empty, 'overlays', overlay));
        await writeFile(join(empty, 'overlays', overlay, 'kustomization.yaml'), `images:\n  - name: x\n    newTag: "${overlay === 'canary' ? '2' : '1'}"\n`);
      }
      const error = await refusal(promote({ ...request(), cwd: empty }));
      expect(error).toBeInstanceOf(PromotionRefused);
      expect(error.message).toBe('the repository has no commits yet; commit the manifests first (promote adds a commit on top of HEAD)');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('a digest-only promotion does not leave the old version label behind', async () => {
    await canaryImageLines(`    digest: ${DIGEST}\n`);
    await commitAll(repo, 'canary: digest only');
    const before = await gitState();
    const error = await refusal(promote(request()));
    expect(error).toBeInstanceOf(KustomizationEditError);
    expect(error.message).toContain(`moves to a digest without a tag, but app.kubernetes.io/version says "${await prodVersion()}"`);
    expect(await gitState()).toBe(before);
  });
});

describe('promote when something else changes the repository meanwhile', () => {
  it('a branch created by someone else between the check and the commit is one clear error, and that branch is kept', async () => {
    const head = await git(repo, 'rev-parse', 'HEAD');
    await git(repo, 'branch', 'promote/prod-race');
    const index = join(outside, 'index');
    const error = await refusal(commitOnNewBranch(repo, 'promote/prod-race', [{ path: PROD, content: 'x: 1\n' }], 'm', index, head));
    expect(error).toBeInstanceOf(GitInputError);
    expect(error.message).toBe('branch promote/prod-race was created by something else while promote ran; nothing was changed (delete it, or merge it first)');
    expect(await git(repo, 'rev-parse', 'promote/prod-race')).toBe(head);
  });

  it('a file that is a symlink in the commit is never committed as a link to the new text', async () => {
    await rm(join(repo, PROD));
    await symlink('../canary/kustomization.yaml', join(repo, PROD));
    await commitAll(repo, 'prod: link');
    const head = await git(repo, 'rev-parse', 'HEAD');
    const error = await refusal(commitOnNewBranch(repo, 'promote/prod-x', [{ path: PROD, content: 'x: 1\n' }], 'm', join(outside, 'index'), head));
    expect(error.message).toMatch(/is a symbolic link in [0-9a-f]{12}; promote edits only regular files$/);
    expect(await git(repo, 'branch', '--list', 'promote/*')).toBe('');
  });
});

describe('the printed next steps', () => {
  it('are inert when pasted into a shell: every argument arrives exactly as printed, nothing runs', async () => {
    const title = `Promote x 2026.3.1$(touch PWNED) → \`touch PWNED\`; it's "quoted"`;
    const text = nextStepsText({ branch: 'promote/prod-1', commit: 'abc', baseBranch: "main'$(touch PWNED)", title }, join(outside, 'body file.md'));
    const commands = text.split('\n').filter((line) => line.startsWith('  ')).map((line) => line.trim());
    expect(commands).toHaveLength(2);
    // Stand-ins for git and gh that print their arguments, one per line.
    const script = `git() { printf '%s\\n' "$@"; }\ngh() { printf '%s\\n' "$@"; }\n${commands.join('\n')}\n`;
    const printed = execFileSync('sh', ['-c', script], { cwd: outside, encoding: 'utf8' }).split('\n');
    expect(printed).toContain(title);
    expect(printed).toContain("main'$(touch PWNED)");
    expect(printed).toContain(join(outside, 'body file.md'));
    expect(existsSync(join(outside, 'PWNED'))).toBe(false);
  });
});
