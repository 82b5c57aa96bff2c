// The run's one reader of kustomization files loads at most its bound: a file that is (or grows) larger is
// refused from the bytes it read, never loaded whole; the repository listing then leaves it out.
import { realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KustomizationReads } from '../../scripts/lib/kustomize/kustomization-reads.ts';
import { MAX_KUSTOMIZATION_BYTES } from '../../scripts/lib/kustomize/read-kustomization.ts';
import { readRepositoryFiles } from '../../scripts/lib/repository-files.ts';
import { TemporaryDirectories } from '../helpers/temporary-directories.ts';

const dirs = new TemporaryDirectories();
afterAll(() => dirs.removeAll());

function repositoryWithHugeKustomization(): { root: string; file: string } {
  const root = realpathSync(dirs.make('bounded-read-'));
  const file = join(root, 'kustomization.yaml');
  writeFileSync(file, `resources: []\n#${'x'.repeat(MAX_KUSTOMIZATION_BYTES)}\n`);
  return { root, file };
}

describe('KustomizationReads', () => {
  it('never holds more than the bound of a kustomization file, and says why it refused it', () => {
    const { file } = repositoryWithHugeKustomization();
    const read = new KustomizationReads().read(file);
    expect(read.bytes.length).toBeLessThanOrEqual(MAX_KUSTOMIZATION_BYTES);
    expect(read.references).toEqual([]);
    expect(read.problems.map((p) => p.message)).toEqual([expect.stringMatching(/over the 1048576-byte limit for a kustomization file$/)]);
  });

  it('reads a file within the bound whole', () => {
    const root = realpathSync(dirs.make('bounded-read-'));
    writeFileSync(join(root, 'kustomization.yaml'), 'resources:\n  - config.yaml\n');
    const read = new KustomizationReads().read(join(root, 'kustomization.yaml'));
    expect(Buffer.from(read.bytes).toString('utf8')).toBe('resources:\n  - config.yaml\n');
    expect(read.references.map((r) => r.value)).toEqual(['config.yaml']);
  });

  it('leaves a refused file out of the repository listing, as the listing without the run reader does', () => {
    const { root } = repositoryWithHugeKustomization();
    expect([...readRepositoryFiles(root, new KustomizationReads()).kustomizations.keys()]).toEqual([]);
    expect([...readRepositoryFiles(root).kustomizations.keys()]).toEqual([]);
  });
});
