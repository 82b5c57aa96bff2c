// diff and promote render a commit from a `git archive` export. A commit is as hostile as a working tree:
// its symlinks survive the export, so the guard must refuse them there too, and nothing the links point
// at may reach a finding.
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderAtRef } from '../../scripts/lib/release/render-at-ref.ts';
import { RenderCache } from '../../scripts/lib/render/render-cache.ts';
import { commitEverything } from './attacker-repo.ts';

const MARKER = 'SECRET-OUTSIDE-THE-COMMIT';
let scratch: string;
let root: string;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'openclaw-ref-links-'));
  const outside = join(scratch, 'outside');
  await mkdir(join(outside, 'base'), { recursive: true });
  await writeFile(join(outside, 'leak.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${MARKER}}\n`);
  await writeFile(join(outside, 'base', 'kustomization.yaml'), 'resources:\n  - cm.yaml\n');
  await writeFile(join(outside, 'base', 'cm.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${MARKER}-base}\n`);

  root = join(scratch, 'repo');
  await mkdir(join(root, 'overlays', 'file-link'), { recursive: true });
  await mkdir(join(root, 'overlays', 'dir-link'), { recursive: true });
  await writeFile(join(root, 'overlays', 'file-link', 'kustomization.yaml'), 'resources:\n  - leak.yaml\n');
  await symlink(join(outside, 'leak.yaml'), join(root, 'overlays', 'file-link', 'leak.yaml'));
  await writeFile(join(root, 'overlays', 'dir-link', 'kustomization.yaml'), 'resources:\n  - base\n');
  await symlink(join(outside, 'base'), join(root, 'overlays', 'dir-link', 'base'));
  await commitEverything(root, 'links out of the repository');
  // The working tree no longer has the links: only the commit does.
  await rm(join(root, 'overlays', 'file-link', 'leak.yaml'));
  await rm(join(root, 'overlays', 'dir-link', 'base'));
});

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('rendering a commit whose symlinks point outside the repository', () => {
  // Exported to a temporary directory, and (with a render cache on disk, as diff and --baseline render) to
  // the tree's named place beside the cache (ref-tree.ts), where the links point out of the export just the same.
  it.each([
    ['overlays/file-link', 'a temporary directory'],
    ['overlays/dir-link', 'a temporary directory'],
    ['overlays/file-link', 'the named place beside a render cache'],
    ['overlays/dir-link', 'the named place beside a render cache'],
  ])('%s, exported to %s, fails with a finding and reads nothing outside', async (overlay, place) => {
    const renders = place === 'a temporary directory' ? undefined : new RenderCache(join(scratch, 'cache', 'renders'));
    const [render] = await renderAtRef(root, 'HEAD', [overlay], { renders });
    expect(render?.exists).toBe(true);
    expect(render?.failed).toBe(true);
    expect(render?.resources).toEqual([]);
    expect(render?.findings.map((finding) => finding.severity)).toContain('error');
    expect(JSON.stringify(render)).not.toContain(MARKER);
    if (renders) expect(readdirSync(join(scratch, 'cache', 'ref-trees'))).toEqual([]);
  });
});
