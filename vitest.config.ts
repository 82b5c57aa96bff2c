import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Rendering tests run the real kustomize; a cold first render can take seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
