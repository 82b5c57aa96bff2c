// The bundle bin/launch.mjs runs (bin/bundle.mjs, made at `npm ci`): it must report what the sources report,
// byte for byte, both on the run that compiles the schema validators and on the next one that loads them
// from the cache (a package bundled twice once made cached validators that failed to load). The bundle is
// the one the launcher makes of the TypeScript sources after an edit (sourcesBundle: made by the same
// function the build applies to tsc's output, once per state of the sources).
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runnable, sourcesBundle } from '../../bin/launch.mjs';
import { repositoryRoot, runValidate } from '../helpers/cli.ts';
import { TemporaryDirectories, treeOfTimes } from '../helpers/temporary-directories.ts';

// Integer formats (replicas, containerPort), a field the schema does not know, and a second kind.
const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - containerPort: 80
          resourses: {}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: { app: web }
  ports:
    - port: 80
      targetPort: 80
`;

describe('the bundled commands', () => {
  let work: string;
  let bundle: string;
  beforeAll(async () => {
    const made = await sourcesBundle(repositoryRoot);
    expect(made, 'the bundle of the sources (a bundling error is caught there: run bin/bundle.mjs by hand to see it)').toBeDefined();
    bundle = made!;
    work = mkdtempSync(join(tmpdir(), 'bundle-test-'));
    writeFileSync(join(work, 'web.yaml'), MANIFESTS);
  }, 60_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const runBundle = (args: readonly string[], cache: string) =>
    execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { main } = await import(${JSON.stringify(join(bundle, 'validate.js'))});
         const { processIo } = await import(${JSON.stringify(join(bundle, 'command-io.js'))});
         process.exitCode = await main(process.argv.slice(1), processIo());`,
        ...args,
      ],
      { cwd: repositoryRoot, reject: false, stdin: 'ignore', env: { NO_COLOR: '1', OPENCLAW_VALIDATE_CACHE: cache } },
    );

  it('reports what the sources report, compiling the validators and then loading them from the cache', { timeout: 60_000 }, async () => {
    const args = [join(work, 'web.yaml'), '--format', 'json'];
    const expected = await runValidate(args);
    expect(expected.stdout).toContain('resourses');
    const cache = join(work, 'cache');
    for (const run of ['compiling', 'cached']) {
      const result = await runBundle(args, cache);
      expect({ run, exitCode: result.exitCode, stdout: result.stdout }).toEqual({ run, exitCode: expected.exitCode, stdout: expected.stdout.trimEnd() });
    }
  });
});

describe('the launcher picks what to run', () => {
  const dirs = new TemporaryDirectories();
  afterAll(() => dirs.removeAll());
  const tree = (files: Record<string, number>) => treeOfTimes(dirs, files);
  const built = { 'scripts/validate.ts': 100, 'scripts/lib/a.ts': 100, 'dist/validate.js': 200, 'dist/lib/a.js': 200 };

  it('runs the bundle when it was written after every source and the last install', () => {
    expect(runnable(tree({ ...built, 'node_modules/.package-lock.json': 100, 'dist/bundle/validate.js': 300 }), 'validate').kind).toBe('bundle');
  });

  it('runs the unbundled build when a source (rebuilt by tsc alone) or the installed packages changed after the bundle', () => {
    expect(runnable(tree({ ...built, 'scripts/lib/a.ts': 250, 'dist/lib/a.js': 260, 'dist/bundle/validate.js': 220 }), 'validate').kind).toBe('build');
    expect(runnable(tree({ ...built, 'node_modules/.package-lock.json': 400, 'dist/bundle/validate.js': 300 }), 'validate').kind).toBe('build');
  });

  it('runs the unbundled build when how the bundle is made (bin/bundle.mjs) changed after it', () => {
    expect(runnable(tree({ ...built, 'bin/bundle.mjs': 400, 'dist/bundle/validate.js': 300 }), 'validate').kind).toBe('build');
  });

  it('runs the sources when the build is stale too', () => {
    expect(runnable(tree({ ...built, 'scripts/lib/a.ts': 400, 'dist/bundle/validate.js': 300 }), 'validate')).toMatchObject({
      kind: 'sources',
      stale: 'scripts/lib/a.ts changed after the last build',
    });
  });
});

describe('after an edit, the launcher bundles the sources', () => {
  const dirs = new TemporaryDirectories();
  afterAll(() => dirs.removeAll());
  const inputs = { 'scripts/validate.ts': 100, 'scripts/lib/a.ts': 100, 'node_modules/.package-lock.json': 100, 'bin/bundle.mjs': 100 };
  /** A stand-in for esbuild that counts its bundles; `also` runs before it returns. */
  const bundler = (also: (to: string) => void = () => {}) => {
    const made: string[] = [];
    const bundle = async (to: string) => {
      mkdirSync(to, { recursive: true });
      writeFileSync(join(to, 'command-io.js'), '');
      made.push(to);
      also(to);
    };
    return { made, bundle };
  };

  it('once per state of the sources, removing a bundle no run has used for ten minutes', async () => {
    const root = treeOfTimes(dirs, inputs);
    const { made, bundle } = bundler();
    const first = await sourcesBundle(root, bundle);
    expect(existsSync(join(first!, 'command-io.js'))).toBe(true);
    // Made long ago, used again now.
    utimesSync(first!, 100, 100);
    expect(await sourcesBundle(root, bundle)).toBe(first);
    expect(made).toHaveLength(1);
    utimesSync(join(root, 'scripts', 'lib', 'a.ts'), 200, 200);
    const edited = await sourcesBundle(root, bundle);
    expect(made).toHaveLength(2);
    expect(edited).not.toBe(first);
    expect(existsSync(first!), 'used a moment ago').toBe(true);
    utimesSync(first!, 100, 100);
    writeFileSync(join(root, 'scripts', 'new.ts'), '');
    const added = await sourcesBundle(root, bundle);
    expect(made).toHaveLength(3);
    expect(readdirSync(join(added!, '..')).sort()).toEqual([edited, added].map((dir) => dir!.split('/').pop()).sort());
  });

  it('takes the bundle another run put in place first', async () => {
    const root = treeOfTimes(dirs, inputs);
    const { bundle } = bundler();
    const theirs = await sourcesBundle(root, bundle);
    rmSync(theirs!, { recursive: true });
    const racing = bundler((to) => {
      mkdirSync(theirs!);
      writeFileSync(join(theirs!, 'command-io.js'), 'theirs');
      expect(to).not.toBe(theirs);
    });
    expect(await sourcesBundle(root, racing.bundle)).toBe(theirs);
    expect(readdirSync(join(theirs!, '..'))).toEqual([theirs!.split('/').pop()]);
  });

  it('gives none when bundling fails (the launcher then runs tsx), leaving nothing behind', async () => {
    const root = treeOfTimes(dirs, inputs);
    const failing = bundler(() => {
      throw new Error('esbuild is not installed');
    });
    expect(await sourcesBundle(root, failing.bundle)).toBeUndefined();
    expect(failing.made).toHaveLength(1);
    expect(readdirSync(join(root, 'node_modules', '.cache', 'openclaw-launch'))).toEqual([]);
  });
});
