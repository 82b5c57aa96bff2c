// What must not outlive this process: kustomize process groups and temporary directories. On SIGINT,
// SIGTERM or SIGHUP every tracked group is killed and every tracked directory removed, then the signal
// is raised again so the process ends as it would have. Handlers exist only while something is tracked.
import { rmSync } from 'node:fs';

const groups = new Set<number>();
const directories = new Set<string>();
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

function cleanUp(): void {
  for (const pid of groups) killProcessGroup(pid);
  groups.clear();
  for (const dir of directories) rmSync(dir, { recursive: true, force: true });
  directories.clear();
}

function onSignal(signal: NodeJS.Signals): void {
  cleanUp();
  uninstall();
  process.kill(process.pid, signal);
}

let installed = false;
function install(): void {
  if (installed) return;
  installed = true;
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', cleanUp);
}

function uninstall(): void {
  if (!installed || groups.size > 0 || directories.size > 0) return;
  installed = false;
  for (const signal of SIGNALS) process.off(signal, onSignal);
  process.off('exit', cleanUp);
}

/** SIGKILL to a whole process group; a group that is already gone is not an error. */
export function killProcessGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // ESRCH: every member has exited.
  }
}

/** Tracks a process group (a child spawned detached); the returned function stops tracking it. */
export function trackProcessGroup(pid: number): () => void {
  groups.add(pid);
  install();
  return () => {
    groups.delete(pid);
    uninstall();
  };
}

/** Tracks a temporary directory to remove on interrupt; the returned function stops tracking it. */
export function trackTemporaryDirectory(dir: string): () => void {
  directories.add(dir);
  install();
  return () => {
    directories.delete(dir);
    uninstall();
  };
}
