// Vendors OpenClaw's own config JSON Schema (`openclaw config schema`) of the pinned release.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTimeLimitedStep } from './time-limited-step.ts';
import { ensureRuntime, RuntimeError } from './runtime.ts';

/** schemas/apps/openclaw/<version>.json: validate.config.yaml names it for the app-config-schema rule. */
export async function vendorOpenclawConfigSchema(schemasDir: string, log: (line: string) => void = () => {}): Promise<string> {
  const runtime = await ensureRuntime({ log });
  // An empty home and state directory: the schema must not depend on whoever runs the generator.
  const home = mkdtempSync(join(tmpdir(), 'openclaw-schema-'));
  try {
    const result = await runTimeLimitedStep(runtime.node, [join(runtime.packageDir, 'openclaw.mjs'), 'config', 'schema'], {
      timeoutMs: 120_000,
      cwd: home,
      extendEnv: false,
      env: { PATH: process.env.PATH ?? '', HOME: home, OPENCLAW_STATE_DIR: join(home, '.openclaw'), NO_COLOR: '1', TZ: 'UTC' },
    });
    if (!result.ok) throw new RuntimeError(`openclaw config schema failed: ${result.reason}`);
    let schema: unknown;
    try {
      schema = JSON.parse(result.stdout);
    } catch {
      throw new RuntimeError('openclaw config schema did not print JSON');
    }
    rebaseNestedDefinitions(schema, '');
    const outDir = join(schemasDir, 'apps', 'openclaw');
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `${runtime.openclawVersion}.json`);
    writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
    return file;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/**
 * Plugin config schemas are embedded whole, each with its own `$defs` and `#/$defs/...` references
 * meant for the plugin schema's root; at their new depth those references would resolve against the
 * document root and fail. Rewritten to the absolute pointer of the `$defs` they meant.
 */
export function rebaseNestedDefinitions(node: unknown, at: string, scope?: { pointer: string; names: Set<string> }): void {
  if (Array.isArray(node)) {
    node.forEach((child, index) => rebaseNestedDefinitions(child, `${at}/${index}`, scope));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  const defs = object.$defs;
  if (at !== '' && defs !== null && typeof defs === 'object' && !Array.isArray(defs)) {
    scope = { pointer: at, names: new Set(Object.keys(defs)) };
  }
  const ref = object.$ref;
  if (scope && typeof ref === 'string' && ref.startsWith('#/$defs/') && scope.names.has(ref.slice('#/$defs/'.length).split('/')[0]!)) {
    object.$ref = `#${scope.pointer}${ref.slice(1)}`;
  }
  for (const [key, child] of Object.entries(object)) {
    rebaseNestedDefinitions(child, `${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, scope);
  }
}
