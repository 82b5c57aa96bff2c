// Flux sources read their .sourceignore files through the run's one SourceIgnores (LoadOptions.sourceIgnores):
// each file is read once per run, however many Flux directories the run loads.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../scripts/lib/sources/load.ts';
import { SourceIgnores } from '../../scripts/lib/sources/source-ignore.ts';
import { TemporaryDirectories } from '../helpers/temporary-directories.ts';

const configMap = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value\n`;

const dirs = new TemporaryDirectories();
afterAll(() => dirs.removeAll());

function repository(files: Record<string, string>): string {
  const root = realpathSync(dirs.make('source-ignores-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe("the run's SourceIgnores", () => {
  it('serves every Flux source of the run, reading each .sourceignore once', async () => {
    const root = repository({
      '.sourceignore': 'drafts/\n',
      'clusters/prod/app.yaml': configMap('prod'),
      'clusters/prod/drafts/wip.yaml': configMap('prod-draft'),
      'clusters/staging/app.yaml': configMap('staging'),
      'clusters/staging/drafts/wip.yaml': configMap('staging-draft'),
    });
    const asked: string[] = [];
    const fromDisk = new SourceIgnores(root);
    const sourceIgnores = new SourceIgnores(root, (dir) => {
      asked.push(dir);
      return dir === '.' ? 'drafts/\n' : undefined;
    });
    const names: string[] = [];
    for (const cluster of ['prod', 'staging']) {
      const source = { kind: 'manifests' as const, name: `clusters/${cluster}`, path: join(root, 'clusters', cluster), read: { recurse: true, sourceIgnore: true } };
      const loaded = await loadSource(source, { root, sourceIgnores });
      names.push(...loaded.resources.map((r) => String(r.object.metadata?.name)));
    }
    expect(names).toEqual(['prod', 'staging']);
    expect(asked.filter((dir) => dir === '.')).toEqual(['.']);
    // The same answer as the patterns read from the disk.
    expect(fromDisk.excludes('clusters/prod/drafts', true)).toBe(true);
  });
});
