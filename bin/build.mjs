#!/usr/bin/env node
// @ts-check
// The `prepare` script (run by `npm ci`): builds dist/ with tsc when TypeScript is installed. TypeScript is a
// devDependency, so `npm ci --omit=dev` has none; the build is then skipped with a note rather than failing
// the install, because bin/launch.mjs runs the TypeScript sources through tsx whenever dist/ is missing.
// Plain JavaScript because it runs before anything is built.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** tsc's entry script as this package resolves it, or undefined when typescript is not installed. */
function typescriptCompiler() {
  try {
    return createRequire(join(ROOT, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    return undefined;
  }
}

const tsc = typescriptCompiler();
if (tsc === undefined) {
  process.stderr.write('note: typescript is not installed (dev dependencies omitted): dist/ not built; the commands run the TypeScript sources through tsx\n');
} else {
  const result = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'inherit' });
  if (result.error) throw result.error;
  process.exitCode = result.status ?? 1;
}
