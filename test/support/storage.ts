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

/** The environment that points a spawned CLI or `serve` at the data kept in `dir` (DATABASE_URL on PostgreSQL runs). */
export async function databaseEnvFor(dir: string, file = 'kb954960.db'): Promise<Record<string, string>> {
  const url = databaseUrlFor(dir);
  return url ? { DATABASE_URL: await url } : { DATABASE_PATH: join(dir, file) };
}

/** A test's data, for the few helpers that reach under the port: its storage, and the directory it is kept for. */
export interface TestData {
  readonly dir: string;
  readonly storage: Storage;
}

/** The engine under `data`: the SQLite file's own handle, or the URL of the PostgreSQL database that stands for its dir. */
function engineOf(data: TestData): { sqlite: Store; url?: undefined } | { sqlite?: undefined; url: Promise<string> } {
  if (data.storage instanceof SqliteStorage) return { sqlite: data.storage.raw };
  const url = databaseUrlFor(data.dir);
  if (!url) throw new Error(`the ${data.storage.engine} storage of ${data.dir} is not the test engine's`);
  return { url };
}

/** Runs `fn` over a connection of its own to the PostgreSQL database that stands for `url`. */
async function withClient<T>(url: Promise<string>, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: await url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Runs one SQL statement on the test's database, on either engine: for a test that must set up a row the port no
 * longer writes (data an older version left) or look into a table the port does not show. `?` placeholders and SQL
 * both engines speak; the rows come back as the driver gives them (PostgreSQL's BIGINT as a string: CAST in the query
 * what is compared as a number).
 */
export async function sqlOnTestDatabase(data: TestData, sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> {
  const { sqlite, url } = engineOf(data);
  if (sqlite) {
    const statement = sqlite.db.prepare(sql);
    if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
    statement.run(...params);
    return [];
  }
  let n = 0;
  return withClient(
    url,
    async (c) =>
      (
        await c.query(
          sql.replace(/\?/g, () => `$${++n}`),
          [...params],
        )
      ).rows,
  );
}

/**
 * Makes the engine refuse every insert into `table` (a trigger, as a full disk would refuse them: the write fails with
 * `message`), until the returned function is called. SQLite: on the bot's own connection; PostgreSQL: over a
 * connection of its own.
 */
export async function refuseInserts(data: TestData, table: string, message = 'database or disk is full'): Promise<() => Promise<void>> {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`not a table name: ${table}`);
  const trigger = `refuse_${table}`;
  const { sqlite, url } = engineOf(data);
  if (sqlite) {
    const db = sqlite.db;
    db.exec(`CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} BEGIN SELECT RAISE(FAIL, '${message.replace(/'/g, "''")}'); END`);
    return async () => void db.exec(`DROP TRIGGER ${trigger}`);
  }
  // disk_full (53100): the error PostgreSQL itself raises when it cannot extend a table's file.
  await withClient(url, (c) =>
    c.query(
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'disk_full', MESSAGE = ${pg.escapeLiteral(message)}; END $$;` +
        ` CREATE TRIGGER ${trigger} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    ),
  );
  return () => withClient(url, (c) => c.query(`DROP TRIGGER ${trigger} ON ${table}; DROP FUNCTION ${trigger}()`)).then(() => undefined);
}

/** One stored value, as text (SQLite: its TEXT values; PostgreSQL: every column cast to text, JSON included). */
export interface StoredText {
  readonly table: string;
  readonly column: string;
  readonly value: string;
}

/** Every text value of every table of the data: what a test that must find (or not find) a string anywhere reads. */
export async function storedTexts(data: TestData): Promise<StoredText[]> {
  const out: StoredText[] = [];
  const { sqlite, url } = engineOf(data);
  if (sqlite) {
    const db = sqlite.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row)) if (typeof value === 'string') out.push({ table, column, value });
      }
    }
    return out;
  }
  await withClient(url, async (c) => {
    const columns = await c.query<{ table_name: string; column_name: string }>(
      "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    const byTable = new Map<string, string[]>();
    for (const r of columns.rows) byTable.set(r.table_name, [...(byTable.get(r.table_name) ?? []), r.column_name]);
    for (const [table, names] of byTable) {
      const rows = await c.query<Record<string, string | null>>(`SELECT ${names.map((n) => `"${n}"::text AS "${n}"`).join(', ')} FROM "${table}"`);
      for (const row of rows.rows) for (const [column, value] of Object.entries(row)) if (value !== null) out.push({ table, column, value });
    }
  });
  return out;
}

/**
 * The engine's own check of its stored data, 'ok' when sound: SQLite's PRAGMA integrity_check; on PostgreSQL, amcheck
 * over every table (verify_heapam) and every B-tree index, checked against its table's rows (bt_index_check).
 */
export async function integrityCheck(data: TestData): Promise<string> {
  const { sqlite, url } = engineOf(data);
  if (sqlite) return sqlite.integrityCheck();
  return withClient(url, async (c) => {
    await c.query('CREATE EXTENSION IF NOT EXISTS amcheck');
    const problems: string[] = [];
    const heap = await c.query<{ relname: string; blkno: string; msg: string }>(
      "SELECT c.relname, v.blkno, v.msg FROM pg_class c, verify_heapam(c.oid) v WHERE c.relkind = 'r' AND c.relnamespace = 'public'::regnamespace",
    );
    for (const p of heap.rows) problems.push(`${p.relname} block ${p.blkno}: ${p.msg}`);
    const indexes = await c.query<{ oid: number; relname: string }>(
      "SELECT c.oid, c.relname FROM pg_class c JOIN pg_am am ON am.oid = c.relam WHERE c.relkind = 'i' AND am.amname = 'btree' AND c.relnamespace = 'public'::regnamespace",
    );
    for (const i of indexes.rows) {
      try {
        await c.query('SELECT bt_index_check($1, true)', [i.oid]);
      } catch (e) {
        problems.push(`${i.relname}: ${(e as Error).message}`);
      }
    }
    return problems.length === 0 ? 'ok' : problems.join('\n');
  });
}
