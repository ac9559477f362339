import { defineConfig } from 'vitest/config';

// Real browsers against the sandbox: one file at a time, since each launches a browser and the
// machine has two cores.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    // A private TMPDIR for the run; fails it if it leaves files there or changes the tree.
    globalSetup: ['test/e2e/support/run-hygiene.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
