import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Minutes each (a production install): .ci/run runs them on their own (vitest.slow.config.ts).
    exclude: ['test/slow/**', 'node_modules/**'],
    // Bolt breaks under vitest's VM pools; forks give each file a real Node process.
    pool: 'forks',
    // A PostgreSQL cluster for the run, started on a test file's first request (test/support/postgres.ts).
    globalSetup: ['test/support/postgres-global.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
