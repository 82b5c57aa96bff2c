// A repository written the way an attacker would write a pull request: overlays that try to read a
// directory next to the repository, fetch from a local server or run code. The outside directory holds
// a marker that must never appear in any output.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export interface AttackRepository {
  parent: string;
  repo: string;
  outside: string;
  marker: string;
  /** Requests the local server received: any request is a fetch the render must never make. */
  requests: string[];
  close(): Promise<void>;
}

export const git = (cwd: string, ...args: string[]) =>
  execa('git', ['-c', 'user.name=attacker', '-c', 'user.email=a@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd, stdin: 'ignore' });

export function configMap(name: string, extra = ''): string {
  return `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  key: value${extra}\n`;
}

/** `files` maps repository paths to contents; `links` maps repository paths to symlink targets. */
export async function attackRepository(build: (ctx: { outside: string; url: string; marker: string }) => { files: Record<string, string>; links?: Record<string, string> }): Promise<AttackRepository> {
  const parent = mkdtempSync(join(tmpdir(), 'render-guard-'));
  const repo = join(parent, 'repo');
  const outside = join(parent, 'outside');
  const marker = `OUTSIDE-MARKER-${process.pid}-${Date.now()}`;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request.url ?? '');
    response.end(configMap(`fetched-${marker}`));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  write(outside, 'kustomization.yaml', 'resources: [leak.yaml]\n');
  write(outside, 'leak.yaml', configMap(`leaked-${marker}`, `\n  secret: ${marker}`));
  write(outside, 'replacement.yaml', `source: {kind: ConfigMap, name: ok, fieldPath: data.key}\ntargets: []\n# ${marker}\n`);
  await git(outside, 'init', '-q', '-b', 'main');
  await git(outside, 'add', '.');
  await git(outside, 'commit', '-q', '-m', 'outside');
  const { files, links = {} } = build({ outside, url, marker });
  for (const [path, text] of Object.entries(files)) write(repo, path, text);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    symlinkSync(target, join(repo, path));
  }
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'add', '--all');
  await git(repo, 'commit', '-q', '-m', 'pull request');
  return {
    parent,
    repo,
    outside,
    marker,
    requests,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

function write(root: string, path: string, text: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
}

/** Whether the process has ended (a zombie waiting to be reaped has), within a bounded wait: a killed process takes a moment to go. */
export async function ended(pid: number, withinMs = 10_000): Promise<boolean> {
  for (let waited = 0; waited <= withinMs; waited += 50) {
    if (!running(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

export function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}
