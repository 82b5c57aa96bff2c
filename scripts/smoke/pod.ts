// One sandboxed gateway: files laid out like the pod's volumes, bubblewrap started, always killed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenclawRuntime } from '../lib/openclaw/runtime.ts';
import { AgentClient, sleep } from './agent-client.ts';
import type { RunSpec } from './run-spec.ts';
import { AGENT_DIR, bwrapArgs, containerArgv, IMAGE } from './sandbox.ts';

const AGENT_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'pod-agent.mjs');
const LOG_LINES = 40;

export class RunningPod {
  readonly client: AgentClient;
  private readonly log: string[] = [];
  private exit: string | undefined;

  private constructor(private readonly child: ChildProcess, private readonly dir: string, socketDir: string) {
    this.client = new AgentClient(socketDir);
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim() !== '') this.log.push(line.replace(/\x1b\[[0-9;]*m/g, ''));
      this.log.splice(0, Math.max(0, this.log.length - LOG_LINES));
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('exit', (code, signal) => (this.exit = signal ?? `exit ${code}`));
    child.on('error', (error) => (this.exit = error.message));
  }

  static start(spec: RunSpec, runtime: OpenclawRuntime, bwrap: string): RunningPod {
    const dir = mkdtempSync(join(tmpdir(), 'openclaw-smoke-'));
    const socketDir = join(dir, 'sock');
    const etcDir = join(dir, 'etc');
    mkdirSync(socketDir);
    mkdirSync(etcDir);
    writeFileSync(join(etcDir, 'passwd'), `root:x:0:0:root:/root:/sbin/nologin\nnode:x:${spec.runAsUser}:${spec.runAsGroup}::${IMAGE.home}:/bin/sh\n`);
    writeFileSync(join(etcDir, 'group'), `root:x:0:\nnode:x:${spec.runAsGroup}:\n`);
    writeFileSync(join(etcDir, 'hosts'), `127.0.0.1 localhost ${spec.workload}-smoke\n::1 localhost\n`);
    const hostPathOf = (mountPath: string) => join(dir, 'volumes', mountPath.replace(/^\/+/, '').replace(/\//g, '__'));
    for (const mount of spec.mounts) {
      const host = hostPathOf(mount.path);
      if (mount.kind === 'writable') mkdirSync(host, { recursive: true });
      else if ('' in mount.files) {
        mkdirSync(dirname(host), { recursive: true });
        writeFileSync(host, mount.files['']!);
      } else {
        mkdirSync(host, { recursive: true });
        for (const [name, content] of Object.entries(mount.files)) writeFileSync(join(host, name), content);
      }
    }
    const agentConfig = join(dir, 'agent.json');
    const ports = [...new Set(spec.ports.map((port) => port.containerPort))];
    writeFileSync(agentConfig, JSON.stringify({ argv: containerArgv(spec), cwd: spec.workingDir ?? IMAGE.workdir, ports, socketDir: `${AGENT_DIR}/sock` }));
    const args = bwrapArgs(spec, {
      hostPathOf,
      nodeBinDir: dirname(runtime.node),
      packageDir: runtime.packageDir,
      agentScript: AGENT_SCRIPT,
      agentConfig,
      socketDir,
      etcDir,
    });
    const child = spawn(bwrap, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    return new RunningPod(child, dir, socketDir);
  }

  /** Why the sandbox is gone ('exit 1', 'SIGKILL'), or undefined while it runs. */
  exited(): string | undefined {
    return this.exit;
  }

  /** The gateway's own last word on why it stopped: the last log line that reads like an error. */
  reason(): string {
    const lines = this.log.filter((line) => !line.startsWith('[pod-agent]'));
    return [...lines].reverse().find((line) => /error|cannot|refus|fail|denied|EACCES|EROFS|ENOENT/i.test(line)) ?? lines.at(-1) ?? 'no output';
  }

  lastLog(lines = 8): string[] {
    return this.log.slice(-lines);
  }

  /**
   * SIGTERM, then SIGKILL after `graceMs`. bubblewrap's PID namespace ends with its first process, so
   * the gateway and everything it started go with it; the temporary directory is removed last.
   */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exit === undefined) {
      this.child.kill('SIGTERM');
      const deadline = Date.now() + graceMs;
      while (this.exit === undefined && Date.now() < deadline) await sleep(100);
      if (this.exit === undefined) this.child.kill('SIGKILL');
      const hard = Date.now() + 5_000;
      while (this.exit === undefined && Date.now() < hard) await sleep(100);
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
