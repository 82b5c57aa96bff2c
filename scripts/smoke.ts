// `npm run smoke [overlay...]`: each overlay's gateway container, run for real on the pinned OpenClaw
// release in a sandbox shaped like its pod, probed, scraped and opened as the cluster would (docs/smoke.md).
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listOverlays, overlayLocation, OverlayInputError } from './lib/release/overlays.ts';
import { ensureRuntime, RuntimeError } from './lib/openclaw/runtime.ts';
import { kustomizationFile } from './lib/sources/discover.ts';
import { prepareOverlay, smokeOverlay, SmokeInputError } from './smoke/overlay-run.ts';
import { errorLines, logLine } from './smoke/output.ts';
import { formatSummary, formatTable, passed, type OverlayResult } from './smoke/table.ts';

const ROOT = resolve(fileURLToPath(import.meta.url), '..', '..');
const USAGE = 'usage: npm run smoke -- [overlay...]   (default: every overlay under overlays/)';

class UsageError extends Error {}

function overlaysFrom(args: readonly string[]): string[] {
  if (args.some((arg) => arg === '-h' || arg === '--help')) {
    console.log(USAGE);
    process.exit(0);
  }
  const unknown = args.find((arg) => arg.startsWith('-'));
  if (unknown) throw new UsageError(`unknown option ${unknown}; ${USAGE}`);
  return args.length === 0 ? listOverlays(ROOT) : args.map(overlayPath);
}

/** The same overlay names diff and promote take: `prod` is overlays/prod, anything with a slash a path. */
function overlayPath(arg: string): string {
  try {
    const { path } = overlayLocation(arg, ROOT, process.cwd());
    if (kustomizationFile(join(ROOT, path)) !== undefined) return path;
  } catch (error) {
    if (!(error instanceof OverlayInputError)) throw error;
  }
  throw new UsageError(`no such overlay: ${arg} (a directory of this repository holding a kustomization.yaml)`);
}

/** bubblewrap gives the read-only root, the pod's writable volumes and a network of its own. */
function findBwrap(): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'bwrap'))) return join(dir, 'bwrap');
  }
  throw new UsageError('bubblewrap (bwrap) is not installed: the smoke needs it for the pod-shaped sandbox (Debian/Ubuntu: apt-get install bubblewrap)');
}

async function main(): Promise<number> {
  const overlays = overlaysFrom(process.argv.slice(2));
  const bwrap = findBwrap();
  // Lines from the runtime installer and each overlay's run quote input: escaped as they are written.
  const log = (line: string) => console.error(logLine(line));
  const prepared = [];
  for (const overlay of overlays) prepared.push(await prepareOverlay(ROOT, overlay));
  const runtime = await ensureRuntime({ log });
  log(`openclaw ${runtime.openclawVersion} on Node ${runtime.nodeVersion} (${runtime.dir})`);
  const results: OverlayResult[] = [];
  for (const overlay of prepared) results.push(await smokeOverlay(overlay, runtime, bwrap, log));
  console.log(formatTable(results));
  console.log(formatSummary(results));
  return results.every(passed) ? 0 : 1;
}

try {
  process.exitCode = await main();
} catch (error) {
  const expected = error instanceof UsageError || error instanceof RuntimeError || error instanceof SmokeInputError;
  for (const line of errorLines(error, expected)) console.error(line);
  process.exitCode = 2;
}
