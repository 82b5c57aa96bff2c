// Runs inside the sandbox as the pod's first process, on the pinned Node: starts the container's argv,
// relays each container port (reachable only inside the sandbox's own network) to a Unix socket the
// smoke can reach, and runs exec probes inside the sandbox as the kubelet runs them in the container.
// Plain JavaScript: it runs before any TypeScript loader is available inside the sandbox.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const [command, ...args] = config.argv;
const gateway = spawn(command, args, { cwd: config.cwd, stdio: ['ignore', 'inherit', 'inherit'] });
gateway.on('error', (error) => {
  console.error(`[pod-agent] cannot start ${command}: ${error.message}`);
  process.exit(127);
});
gateway.on('exit', (code, signal) => {
  console.error(`[pod-agent] container process exited (${signal ?? `code ${code}`})`);
  process.exit(code ?? 128);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    gateway.kill('SIGTERM');
    setTimeout(() => gateway.kill('SIGKILL'), config.graceMs ?? 5000).unref();
  });
}

for (const port of config.ports) {
  createServer((client) => {
    const upstream = connect({ host: '127.0.0.1', port });
    client.pipe(upstream).pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
  }).listen(join(config.socketDir, `port-${port}.sock`));
}

// POST /exec {command, timeoutMs} -> {exitCode, timedOut, output}: an exec probe, in the container's view.
createHttpServer((request, response) => {
  let body = '';
  request.setEncoding('utf8');
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    const { command: argv, timeoutMs } = JSON.parse(body);
    const child = spawn(argv[0], argv.slice(1), { cwd: config.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let timedOut = false;
    const keep = (chunk) => (output = (output + chunk).slice(-2000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const reply = (exitCode) => {
      clearTimeout(timer);
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify({ exitCode, timedOut, output }));
    };
    child.on('error', (error) => {
      output = error.message;
      reply(127);
    });
    child.on('close', (code) => reply(code ?? 137));
  });
}).listen(join(config.socketDir, 'agent.sock'));
