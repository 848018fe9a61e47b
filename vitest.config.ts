import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds the production UI bundle the browser tests serve, once, when it is older than its sources.
    globalSetup: ['test/renderer-bundle.global.ts'],
    // A state folder per test file: tests never touch the real one (test/state-dir.setup.ts).
    setupFiles: ['test/state-dir.setup.ts'],
    // Integration tests spawn the CLI and ONNX Runtime; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
