// Talks to the pod agent over its Unix sockets: HTTP to a container port, and exec probes.
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

export interface ExecAnswer {
  exitCode: number;
  timedOut: boolean;
  output: string;
}

export class AgentClient {
  constructor(private readonly socketDir: string) {}

  portSocket(port: number): string {
    return join(this.socketDir, `port-${port}.sock`);
  }

  /** Resolves when the agent listens, false when `deadline` (epoch ms) passes first or `gone()` says it died. */
  async waitUntilListening(deadline: number, gone: () => boolean): Promise<boolean> {
    while (Date.now() < deadline && !gone()) {
      if (existsSync(join(this.socketDir, 'agent.sock'))) return true;
      await sleep(100);
    }
    return false;
  }

  get(port: number, path: string, options: { timeoutMs: number; headers?: Record<string, string> }): Promise<HttpAnswer> {
    return httpOverSocket(this.portSocket(port), { method: 'GET', path, headers: options.headers ?? {}, timeoutMs: options.timeoutMs });
  }

  async exec(command: readonly string[], timeoutMs: number): Promise<ExecAnswer> {
    // The agent enforces the probe's timeout; the extra second covers the reply itself.
    const answer = await httpOverSocket(join(this.socketDir, 'agent.sock'), {
      method: 'POST',
      path: '/exec',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ command, timeoutMs }),
      timeoutMs: timeoutMs + 1_000,
    });
    return JSON.parse(answer.body) as ExecAnswer;
  }
}

export function httpOverSocket(
  socketPath: string,
  options: { method: string; path: string; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath, method: options.method, path: options.path, headers: { host: 'localhost', ...options.headers } }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (body.length < 4 * 1024 * 1024) body += chunk;
      });
      response.on('end', () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type'] ?? ''), body });
      });
      response.on('error', reject);
    });
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${options.timeoutMs / 1000}s`)), options.timeoutMs);
    req.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    req.end(options.body);
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
