// The storage a test runs on. The suite runs twice over: on SQLite (a file in a temp directory, the default) and, for
// the files vitest.postgres.config.ts lists, once more on PostgreSQL (KB954960_TEST_ENGINE=postgres: a fresh database
// of the run's throwaway cluster, test/support/postgres.ts). Tests read and write through the port, so one test proves
// the behaviour on both engines.
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

/** The environment that points a spawned CLI or `serve` at the data kept in `dir` (DATABASE_URL on PostgreSQL runs). */
export async function databaseEnvFor(dir: string, file = 'kb954960.db'): Promise<Record<string, string>> {
  const url = databaseUrlFor(dir);
  return url ? { DATABASE_URL: await url } : { DATABASE_PATH: join(dir, file) };
}

/**
 * Makes the engine refuse every insert into `table` of the data kept in `dir` (a trigger, as a full disk would refuse
 * them: the write fails with `message`), until the returned function is called. SQLite: on the bot's own connection
 * (`sqlite()`, the file's handle); PostgreSQL: over a connection of its own to the database that stands for `dir`.
 */
export async function refuseInserts(
  o: { dir: string; sqlite: () => Store },
  table: string,
  message = 'database or disk is full',
): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const trigger = `refuse_${table}`;
  const url = databaseUrlFor(o.dir);
  if (!url) {
    const db = o.sqlite().db;
    db.exec(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(FAIL, '${message.replace(/'/g, "''")}'); END`);
    return async () => void db.exec(`DROP TRIGGER ${trigger}`);
  }
  const sql = async (text: string) => {
    const client = new pg.Client({ connectionString: await url });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  // disk_full (53100): the error PostgreSQL itself raises when it cannot extend a table's file.
  await sql(
    `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = ${pg.escapeLiteral(message)}; END $$;` +
      ` CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
  );
  return () => sql(`DROP TRIGGER ${trigger} ON ${table}; DROP FUNCTION ${trigger}()`);
}
