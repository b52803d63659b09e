// The slow install tests (test/slow/: npm pack, a production install that builds better-sqlite3, the Dockerfile's
// replay), a minute or more each: run by .ci/run after `npm test` as a step of their own, not by `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
});
