import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Measured on 2 cores (see README, "Tests"): worker threads that keep their imported modules from one
    // test file to the next spend about a third less CPU than a fresh process per file, which re-imported
    // and re-transformed the whole toolkit each time. Tests share no mutable module state: the commands
    // take their io as an argument and the few module caches are keyed by what they cache.
    pool: 'threads',
    isolate: false,
    // Rendering tests run the real kustomize; a cold first render can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
