// The directories diff, --baseline and promote render from (scripts/lib/release/kept-tree.ts): beside a render
// cache, at the same path each time so that its renders can be served again, never shared by two users at
// once, always removed. Real files; no render (what the cache then serves is tested in test/promotion/diff.test.ts).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keptTree } from '../../scripts/lib/release/kept-tree.ts';

const scratch = mkdtempSync(join(tmpdir(), 'kept-tree-'));
const cache = join(scratch, 'cache', 'renders');
const place = join(scratch, 'cache', 'test-trees');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (text: string) => async (dir: string) => writeFileSync(join(dir, 'file.yaml'), text);

describe('keptTree', () => {
  it('is made at the same named path beside the render cache each time, and removed after each use', async () => {
    const first = await keptTree('test', 'same', cache, write('one'));
    expect(first.dir).toBe(join(place, 'same'));
    expect(readFileSync(join(first.dir, 'file.yaml'), 'utf8')).toBe('one');
    await first.remove();
    expect(existsSync(first.dir)).toBe(false);
    const second = await keptTree('test', 'same', cache, write('two'));
    expect(second.dir).toBe(first.dir);
    expect(readFileSync(join(second.dir, 'file.yaml'), 'utf8')).toBe('two');
    await second.remove();
    expect(existsSync(second.dir)).toBe(false);
  });

  it('gives a second user of a name in use a whole tree of its own, and leaves the first one alone', async () => {
    const holder = await keptTree('test', 'busy', cache, write('holder'));
    const other = await keptTree('test', 'busy', cache, write('other'));
    expect(other.dir).not.toBe(holder.dir);
    expect(readFileSync(join(holder.dir, 'file.yaml'), 'utf8')).toBe('holder');
    expect(readFileSync(join(other.dir, 'file.yaml'), 'utf8')).toBe('other');
    await other.remove();
    expect(existsSync(holder.dir)).toBe(true);
    await holder.remove();
    expect(existsSync(other.dir)).toBe(false);
    expect(existsSync(holder.dir)).toBe(false);
  });

  it('takes over a named tree a killed run left behind over an hour ago', async () => {
    const left = await keptTree('test', 'left', cache, write('old'));
    const hoursAgo = Date.now() / 1000 - 2 * 3600;
    utimesSync(left.dir, hoursAgo, hoursAgo);
    const next = await keptTree('test', 'left', cache, write('new'));
    expect(next.dir).toBe(join(place, 'left'));
    expect(readFileSync(join(next.dir, 'file.yaml'), 'utf8')).toBe('new');
    await next.remove();
  });

  it("removes what killed runs left under other names over an hour ago (another ref's tree, a staged copy), not a tree in use", async () => {
    const hoursAgo = Date.now() / 1000 - 2 * 3600;
    const otherRef = await keptTree('test', 'other-ref', cache, write('old'));
    utimesSync(otherRef.dir, hoursAgo, hoursAgo);
    const staged = mkdtempSync(join(place, 'staged.'));
    utimesSync(staged, hoursAgo, hoursAgo);
    const inUse = await keptTree('test', 'in-use', cache, write('now'));
    const next = await keptTree('test', 'next', cache, write('new'));
    expect(existsSync(otherRef.dir)).toBe(false);
    expect(existsSync(staged)).toBe(false);
    expect(readFileSync(join(inUse.dir, 'file.yaml'), 'utf8')).toBe('now');
    await Promise.all([next.remove(), inUse.remove(), otherRef.remove()]);
  });

  it('is a private temporary directory without an on-disk render cache or a name', async () => {
    for (const tree of [await keptTree('test', 'x', undefined, write('a')), await keptTree('test', undefined, cache, write('b'))]) {
      expect(dirname(tree.dir)).toBe(tmpdir());
      expect(tree.dir).toMatch(/openclaw-test-[^/]+$/);
      await tree.remove();
      expect(existsSync(tree.dir)).toBe(false);
    }
  });

  it('passes on a failure to fill the tree and leaves nothing behind', async () => {
    const failing = async (dir: string) => {
      writeFileSync(join(dir, 'half.yaml'), 'x');
      throw new Error('export failed');
    };
    await expect(keptTree('test', 'failing', cache, failing)).rejects.toThrow('export failed');
    expect(existsSync(join(place, 'failing'))).toBe(false);
    expect(readdirSync(place).filter((entry) => entry.startsWith('failing'))).toEqual([]);
  });
});
