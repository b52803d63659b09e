// The suite's second pass, on PostgreSQL: every test file that opens its storage through the engine-aware harness
// (test/support/bot.ts, test/support/storage.ts) runs again with KB954960_TEST_ENGINE=postgres, so the bot, the CLI
// and the cores behind them are proven on both engines by the same tests. .ci/run runs it after `npm test`; locally:
// `npm run test:postgres`. The files listed below are about one engine and run once, in the first pass.
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/** Files about one engine: SQLite itself (its file, its pragmas, its triggers), or PostgreSQL's own (they pick it). */
const ONE_ENGINE = new Set<string>([
  // SQLite's own:
  'sqlite-privacy.test.ts', // the bytes of the database file and its WAL
  'sqlite-checkpoints.test.ts', // the WAL and its checkpoints
  // PostgreSQL's own, whichever engine the run picks:
  'slack-postgres.test.ts',
  'replicas-postgres.test.ts',
]);

const HARNESS = /from '\.\/support\/(bot|storage)\.js'/;

const files = readdirSync('test')
  .filter((f) => f.endsWith('.test.ts') && !ONE_ENGINE.has(f))
  .filter((f) => HARNESS.test(readFileSync(`test/${f}`, 'utf8')))
  .map((f) => `test/${f}`);

export default defineConfig({
  test: {
    ...base.test,
    include: files,
    env: { KB954960_TEST_ENGINE: 'postgres' },
  },
});
