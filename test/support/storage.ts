// The storage a test runs on. The suite runs twice over: on SQLite (a file in a temp directory, the default) and, for
// the files vitest.postgres.config.ts lists, once more on PostgreSQL (KB954960_TEST_ENGINE=postgres: a fresh database
// of the run's throwaway cluster, test/support/postgres.ts). Tests read and write through the port, so one test proves
// the behaviour on both engines.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { SqliteStorage } from '../../db/sqlite/storage.js';
import type { Store } from '../../db/sqlite/store.js';
import { openStorage } from '../../src/open-storage.js';
import type { Storage } from '../../src/store/port.js';
import { testDatabase } from './postgres.js';

export type TestEngine = 'sqlite' | 'postgres';

/** The engine this run's tests use: PostgreSQL when KB954960_TEST_ENGINE says so, else SQLite. */
export function testEngine(): TestEngine {
  return process.env.KB954960_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

const ports = new WeakMap<Store, SqliteStorage>();

/** The port over `store` (one per store: it shares the store's connection and prepared statements). */
export function port(store: Store): SqliteStorage {
  let p = ports.get(store);
  if (!p) ports.set(store, (p = new SqliteStorage(store)));
  return p;
}

/**
 * PostgreSQL databases by the directory a test keeps its data in: a test that starts a second bot (or the CLI) on the
 * same directory, as it would on the same SQLite file, finds the same database.
 */
const databases = new Map<string, Promise<string>>();

/** The database URL for `dir` on PostgreSQL runs (made on first use), or undefined on SQLite runs. */
export function databaseUrlFor(dir: string): Promise<string> | undefined {
  if (testEngine() !== 'postgres') return undefined;
  let url = databases.get(dir);
  if (!url) databases.set(dir, (url = testDatabase()));
  return url;
}

/**
 * Opens the test engine's storage for the data kept in `dir`: the SQLite file `dir/<file>`, or the PostgreSQL
 * database that stands for `dir`. Built by the product's own factory, as `serve` and the CLI build it.
 */
export async function openTestStorage(dir: string, o: { file?: string; clock?: () => Date } = {}): Promise<Storage> {
  const url = databaseUrlFor(dir);
  return openStorage({ databasePath: join(dir, o.file ?? 'kb954960.db'), databaseUrl: url ? await url : undefined, clock: o.clock });
}

/**
 * A fresh store of the test engine for one test: in a new temp directory (SQLite) or a new database (PostgreSQL).
 * `close()` closes it and removes the directory.
 */
export async function tempStorage(o: { clock?: () => Date } = {}): Promise<{ storage: Storage; dir: string; close(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-storage-'));
  const storage = await openTestStorage(dir, o);
  return {
    storage,
    dir,
    async close() {
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one SQL statement on the test database behind `storage` (opened for `dir`), on either engine: for a test that
 * must set up a row the port no longer writes (data an older version left) or look into a table the port does not
 * show. `?` placeholders and SQL both engines speak; the rows come back as the driver gives them (PostgreSQL's BIGINT
 * as a string: CAST in the query what is compared as a number).
 */
export async function sqlOnTestDatabase(storage: Storage, dir: string, sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
  if (storage instanceof SqliteStorage) {
    const statement = storage.raw.db.prepare(sql);
    if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
    statement.run(...params);
    return [];
  }
  const url = databaseUrlFor(dir);
  if (!url) throw new Error(`no test database for ${dir}`);
  const client = new pg.Client({ connectionString: await url });
  await client.connect();
  try {
    let n = 0;
    return (
      await client.query(
        sql.replace(/\?/g, () => `$${++n}`),
        [...params],
      )
    ).rows;
  } finally {
    await client.end();
  }
}

/** The environment that points a spawned CLI or `serve` at the data kept in `dir` (DATABASE_URL on PostgreSQL runs). */
export async function databaseEnvFor(dir: string, file = 'kb954960.db'): Promise<Record<string, string>> {
  const url = databaseUrlFor(dir);
  return url ? { DATABASE_URL: await url } : { DATABASE_PATH: join(dir, file) };
}
