import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Emulators (dynalite, s3rver, the engine) start per file on free ports; give slow shared machines room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // The stack tests run the synthesized assemblies: synthesize them once, up front.
    globalSetup: ['test/support/synthesize-assemblies.ts'],
  },
});
