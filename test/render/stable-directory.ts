// A test file's scratch directory at the same path in every run of this checkout. The render cache is
// addressed by the files' bytes AND their paths (render-key.ts: kustomize's output names them), so an
// overlay written into a new mkdtemp each run is rendered again each run; written to the same path with the
// same bytes, a rerun is served from the cache as `npm run validate` reruns are. A first run costs the same.
import { createHash } from 'node:crypto';
import { closeSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** This checkout (not helpers/cli.ts's constant: importing that loads execa for a path). */
const repositoryRoot = join(import.meta.dirname, '..', '..');

export interface StableDirectory {
  /** Empty when handed out. */
  path: string;
  /** Removes the directory and lets the next run (or file) have the path. */
  release(): void;
}

/**
 * An empty directory named after `name` and this checkout, owned by this process until released. When
 * another live process holds it (two runs of one checkout at once) or the place is not ours, a fresh
 * temporary directory stands in: the test then renders as if there were no cache, never shares files.
 */
export function stableDirectory(name: string): StableDirectory {
  const checkout = createHash('sha256').update(repositoryRoot).digest('hex').slice(0, 12);
  const parent = join(tmpdir(), `openclaw-test-${process.getuid?.() ?? 0}-${checkout}`);
  const path = join(parent, name);
  const lock = `${path}.lock`;
  if (!ownDirectory(parent) || !takeLock(lock)) return temporary(name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path);
  return {
    path,
    release: () => {
      rmSync(path, { recursive: true, force: true });
      rmSync(lock, { force: true });
    },
  };
}

/** Creates `dir` (private) if absent; true when it is a real directory of this user, not a link planted in /tmp. */
function ownDirectory(dir: string): boolean {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const info = lstatSync(dir);
  return info.isDirectory() && !info.isSymbolicLink() && info.uid === (process.getuid?.() ?? info.uid);
}

/** The lock file holds its owner's pid; one left by a process that is gone is taken over. */
function takeLock(lock: string): boolean {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch {
      if (holderAlive(lock) || !removeStaleLock(lock)) return false;
    }
  }
  return false;
}

/**
 * Moves the lock aside (one process can), and removes it only if what it moved is still the dead holder's:
 * between the look and the move, another run may have taken the lock over, and that lock is put back.
 */
function removeStaleLock(lock: string): boolean {
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return false;
  }
  const stale = !holderAlive(aside);
  if (!stale) {
    try {
      linkSync(aside, lock);
    } catch {
      // A third run holds the lock by now.
    }
  }
  rmSync(aside, { force: true });
  return stale;
}

function holderAlive(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(lock, 'utf8'));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function temporary(name: string): StableDirectory {
  const path = mkdtempSync(join(tmpdir(), `openclaw-test-${name}-`));
  return { path, release: () => rmSync(path, { recursive: true, force: true }) };
}
