import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Models are generated once per test run; tests read them from models/generated.
    globalSetup: ['test/global-setup.ts'],
    // Integration tests spawn the CLI and ONNX Runtime; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
