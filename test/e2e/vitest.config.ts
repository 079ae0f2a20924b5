import { defineConfig } from 'vitest/config';

// Browser tests: Debian's Chromium driven by playwright-core against the whole local stack.
export default defineConfig({
  test: {
    root: new URL('../..', import.meta.url).pathname,
    include: ['test/e2e/**/*.e2e.ts'],
    // The console build, and the assemblies the stack runs (synthesized once, before any test).
    globalSetup: ['test/e2e/build-console.ts', 'test/support/synthesize-assemblies.ts'],
    testTimeout: 180_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
