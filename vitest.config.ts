import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    // Real processes, real cargo and a real terminal: generous but bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: the e2e suites spawn cargo; keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default', './test/summary-reporter.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
  },
});
