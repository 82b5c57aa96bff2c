import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixtures many files copy and the kustomize lookup, made once per run (test/helpers/global-setup.ts),
    // and handed to each test file (test/helpers/worker-setup.ts).
    globalSetup: ['test/helpers/global-setup.ts'],
    setupFiles: ['test/helpers/worker-setup.ts'],
    // Measured on 2 cores (see README, "Tests"): workers that keep their imported modules from one test
    // file to the next spend about a third less CPU than a fresh process per file, which re-imported and
    // re-transformed the whole toolkit each time. Tests share no mutable module state: the commands take
    // their io as an argument and the few module caches are keyed by what they cache.
    // Child processes rather than threads: every kustomize or git a test starts is forked from its worker,
    // and fork costs in proportion to the forking process's resident memory. Threads put both workers and
    // vitest itself in one process (up to 900 MB); a child process per worker peaks at about 480 MB, and the
    // spawn-heavy files took 8-13% less CPU (45-48 s against 49-52 s, two runs each).
    pool: 'forks',
    isolate: false,
    // vitest's default is one worker fewer than the cores, which on 2 cores ran every file in one thread
    // while the other core idled between kustomize and git runs. One worker per core (at least two).
    // Files start longest first: by their last duration when vitest has run here before, by size on a
    // clean clone (vitest's default sequencer).
    // Three workers on 2 cores spent more CPU (75-84 s against 63-82 s for two, whole suite, two runs each
    // under a load of 20) and no wall time that load let us see.
    maxWorkers: Math.max(2, availableParallelism()),
    // vitest keeps its TypeScript transforms on disk (node_modules/.experimental-vitest-cache) and a rerun
    // reuses those of unchanged files: whole suite 66-69 s CPU against 63-82 s without (transform summed
    // over files 0.9-1.6 s against 4.2-5.6 s on the catalogue, GitOps and overlay tests, 11% less CPU there).
    // A clean clone's first run writes the cache and gains nothing. The cache key is a file's content, not
    // what its imports resolve to; imports here name their file with its extension, so a move changes the
    // importer too. If a run ever fails to find a module that exists, `npx vitest --clearCache`. Run it too
    // after editing tsconfig.json: vite reads its transform settings from it, and the key leaves it out.
    experimental: { fsModuleCache: true },
    // Rendering tests run the real kustomize; a cold first render can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
