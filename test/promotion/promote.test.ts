import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { stableDirectory, type StableDirectory } from '../render/stable-directory.ts';
import { DIGEST, commitAll, edit, git, manifestRepositoryAt, run } from './repo.ts';

// Schemas may not be vendored in every checkout; policies still run and decide the outcome.
const PROMOTE = ['--from', 'canary', '--to', 'prod', '--ignore-missing-schemas'];
const PROD = 'overlays/prod/kustomization.yaml';
const CANARY = 'overlays/canary/kustomization.yaml';

// A fresh copy for each case, always at the same path: promote renders the target overlay as it is before
// the promotion through the render cache, which then serves that render to the next case (prod is the same
// in every copy) and to the next run.
let place: StableDirectory;
let repo: string;
beforeAll(() => {
  place = stableDirectory('promote');
});
beforeEach(async () => {
  repo = await manifestRepositoryAt(join(place.path, 'repo'));
});
afterAll(() => place.release());

async function promoteBranches(): Promise<string[]> {
  return (await git(repo, 'branch', '--list', 'promote/*', '--format=%(refname:short)')).split('\n').filter(Boolean);
}

async function canaryWithDigest(): Promise<void> {
  await edit(join(repo, CANARY), (text) => text.replace('    newTag: "2026.9.6"\n', `    newTag: "2026.9.6"\n    digest: ${DIGEST}\n`));
  await commitAll(repo, 'canary: pin the digest');
}

describe('npm run promote', () => {
  it('commits the canary tag and digest to prod on promote/prod-<tag>, changing only the image lines', async () => {
    await canaryWithDigest();
    const original = await readFile(join(repo, PROD), 'utf8');
    const head = await git(repo, 'rev-parse', 'HEAD');

    const result = await run('promote', PROMOTE, repo);

    expect(result.stderr).toContain('promote/prod-2026.9.6');
    expect(result.exitCode).toBe(0);
    expect(await promoteBranches()).toEqual(['promote/prod-2026.9.6']);
    expect(await git(repo, 'rev-list', '--count', 'main..promote/prod-2026.9.6')).toBe('1');
    expect(await git(repo, 'diff', '--name-only', 'main', 'promote/prod-2026.9.6')).toBe(PROD);

    const promoted = await git(repo, 'show', `promote/prod-2026.9.6:${PROD}`);
    const expected = original
      .replace('    newTag: "2026.9.5"\n', `    newTag: "2026.9.6"\n    digest: ${DIGEST}\n`)
      .replace('app.kubernetes.io/version: "2026.9.5"', 'app.kubernetes.io/version: "2026.9.6"');
    expect(expected).not.toBe(original);
    // git show drops nothing but the final newline.
    expect(`${promoted}\n`).toBe(expected);

    const message = await git(repo, 'log', '-1', '--format=%B', 'promote/prod-2026.9.6');
    expect(message).toMatch(/^Promote ghcr\.io\/openclaw\/openclaw 2026\.9\.5 → 2026\.9\.6 in overlays\/prod/);
    expect(message).toContain(`ghcr.io/openclaw/openclaw:2026.9.5 → ghcr.io/openclaw/openclaw:2026.9.6@${DIGEST}`);

    // The user's checkout is where it was: same branch, same commit, same file, nothing pending.
    expect(await git(repo, 'rev-parse', 'HEAD')).toBe(head);
    expect(await git(repo, 'symbolic-ref', '--short', 'HEAD')).toBe('main');
    expect(await git(repo, 'status', '--porcelain')).toBe('');

    expect(result.stdout).toContain('## Rendered diff');
    expect(result.stdout).toContain(`\`"ghcr.io/openclaw/openclaw:2026.9.5"\` | \`"ghcr.io/openclaw/openclaw:2026.9.6@${DIGEST}"\``);
    expect(result.stdout).toMatch(/## Validation\n\n✅ `overlays\/prod`/);
    expect(result.stderr).toContain('git push -u origin promote/prod-2026.9.6');
    expect(result.stderr).toContain('gh pr create --base main --head promote/prod-2026.9.6');
  });

  it('prints the pull request in a dry run and changes nothing', async () => {
    const original = await readFile(join(repo, PROD), 'utf8');

    const result = await run('promote', [...PROMOTE, '--dry-run'], repo);

    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain('## Promote `ghcr.io/openclaw/openclaw` `2026.9.5` → `2026.9.6` in `overlays/prod`');
    expect(result.stdout).toContain('/spec/template/spec/containers/0/image');
    expect(await readFile(join(repo, PROD), 'utf8')).toBe(original);
    expect(await promoteBranches()).toEqual([]);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
    expect(await git(repo, 'rev-list', '--count', '--all')).toBe('1');
  });

  it('refuses when prod already runs the canary image', async () => {
    await edit(join(repo, PROD), (text) => text.replace('newTag: "2026.9.5"', 'newTag: "2026.9.6"'));
    await commitAll(repo, 'prod already promoted');

    const result = await run('promote', PROMOTE, repo);

    expect(result.exitCode).toBe(2);
    expect(result.stderr.trim()).toBe('promote: nothing to promote: ghcr.io/openclaw/openclaw is already the same in overlays/canary and overlays/prod');
    expect(await promoteBranches()).toEqual([]);
  });

  it('refuses to start from a dirty working tree', async () => {
    await writeFile(join(repo, 'notes.txt'), 'work in progress\n');

    const result = await run('promote', PROMOTE, repo);

    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^promote: the working tree has uncommitted changes \(1 path, e\.g\. notes\.txt\)/);
    expect(await promoteBranches()).toEqual([]);
  });

  it('refuses a result that fails validation and leaves no change behind', async () => {
    // `latest` is what the image-tag policy rejects: prod would no longer name a release.
    await edit(join(repo, CANARY), (text) => text.replace('newTag: "2026.9.6"', 'newTag: latest'));
    await commitAll(repo, 'canary: latest');
    const original = await readFile(join(repo, PROD), 'utf8');

    const result = await run('promote', PROMOTE, repo);

    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^promote: validation of the promoted overlays\/prod failed with \d+ error\(s\); nothing was changed/);
    expect(result.stderr).toContain('image-tag');
    expect(result.stdout).toBe('');
    expect(await readFile(join(repo, PROD), 'utf8')).toBe(original);
    expect(await git(repo, 'status', '--porcelain')).toBe('');
    expect(await promoteBranches()).toEqual([]);
  });

  it('refuses a missing overlay or image entry with one line', async () => {
    const missingOverlay = await run('promote', ['--from', 'staging', '--to', 'prod', '--dry-run'], repo);
    expect(missingOverlay.exitCode).toBe(2);
    expect(missingOverlay.stderr).toMatch(/^promote: overlay overlays\/staging not found/);
    expect(missingOverlay.stderr.trim().split('\n')).toHaveLength(1);

    const missingImage = await run('promote', [...PROMOTE, '--image', 'ghcr.io/openclaw/browser', '--dry-run'], repo);
    expect(missingImage.exitCode).toBe(2);
    expect(missingImage.stderr.trim()).toBe('promote: overlays/canary has no images: entry named ghcr.io/openclaw/browser (it lists ghcr.io/openclaw/openclaw)');
  });
});
