// Issue 10: SIGINT left temporary directories behind and SIGKILL orphaned kustomize. An interrupted
// render kills kustomize's whole process group and removes its temporary directory; a killed one takes
// kustomize with it (parent-death signal), where util-linux setpriv is installed. The render is a
// `validate` started as `npm run validate` starts it (bin/launch.mjs), so what a user's Ctrl-C meets.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/cli.ts';
import { ended, running } from './attack-repo.ts';

const work = mkdtempSync(join(tmpdir(), 'render-interrupt-'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Starts validate of one overlay in its own process, with a kustomize that starts a child and waits forever. */
async function startRender(name: string) {
  const dir = join(work, name);
  const temp = join(dir, 'tmp');
  mkdirSync(join(dir, 'repo', 'overlay'), { recursive: true });
  mkdirSync(temp);
  writeFileSync(join(dir, 'repo', 'overlay', 'kustomization.yaml'), 'resources: [cm.yaml]\n');
  writeFileSync(join(dir, 'repo', 'overlay', 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n');
  const pids = join(dir, 'pids');
  const script = join(dir, 'kustomize');
  // Answers validate's version check, then starts a child and waits forever.
  const forever = `sleep 300 &\necho "$$ $!" > ${JSON.stringify(pids)}.partial\nmv ${JSON.stringify(pids)}.partial ${JSON.stringify(pids)}\nwait\n`;
  writeFileSync(script, `#!/bin/sh\nif [ "$1" = version ]; then echo v5.7.1; exit 0; fi\n${forever}`);
  chmodSync(script, 0o755);
  const child = spawn(process.execPath, [join(repositoryRoot, 'bin', 'launch.mjs'), 'validate', 'overlay', '--ignore-missing-schemas'], {
    cwd: join(dir, 'repo'),
    env: { ...process.env, TMPDIR: temp, KUSTOMIZE: script },
    stdio: 'ignore',
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  // Bounded: the render starts within seconds, or the test fails here.
  for (let waited = 0; !existsSync(pids) && waited < 60_000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
  const [kustomize, grandchild] = readFileSync(pids, 'utf8').trim().split(' ').map(Number) as [number, number];
  return { child, exited, kustomize, grandchild, temp };
}

describe('an interrupted render', () => {
  it('on SIGINT kills kustomize and what it started, removes its temporary directory, and ends by the signal', async () => {
    const run = await startRender('sigint');
    expect(running(run.grandchild)).toBe(true);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe('SIGINT');
    expect(await ended(run.kustomize)).toBe(true);
    expect(await ended(run.grandchild)).toBe(true);
    expect(readdirSync(run.temp).filter((entry) => entry.startsWith('openclaw-'))).toEqual([]);
  });

  it.runIf(existsSync('/usr/bin/setpriv'))('on SIGKILL takes kustomize with it', async () => {
    const run = await startRender('sigkill');
    run.child.kill('SIGKILL');
    expect(await run.exited).toBe('SIGKILL');
    expect(await ended(run.kustomize)).toBe(true);
    // What kustomize itself started has no parent-death signal of its own: end it for the next tests.
    if (running(run.grandchild)) process.kill(run.grandchild, 'SIGKILL');
  });
});
