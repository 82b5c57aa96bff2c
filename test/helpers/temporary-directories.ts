// Temporary directories a test file makes, collected so that one afterAll removes them all: directories
// left behind pile up in the shared machine's /tmp, run after run (some hold files of a megabyte).
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export class TemporaryDirectories {
  readonly #made: string[] = [];

  /** A new empty directory under the system's temporary directory, kept until `removeAll`. */
  make(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    this.#made.push(dir);
    return dir;
  }

  /** Removes every directory made so far; call it from the test file's afterAll. */
  removeAll(): void {
    for (const dir of this.#made.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A new directory of empty files, each last modified at the given time (seconds since the epoch): the
 * launcher (bin/launch.mjs) picks what to run by comparing the times of sources, builds and the bundle.
 */
export function treeOfTimes(dirs: TemporaryDirectories, files: Record<string, number>): string {
  const root = dirs.make('launch-');
  for (const [file, mtime] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), '');
    utimesSync(join(root, file), mtime, mtime);
  }
  return root;
}
