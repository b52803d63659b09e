import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../db/postgres/storage.js';
import { Store } from '../db/sqlite/store.js';
import { testClock } from './support/clock.js';
import { testDatabase } from './support/postgres.js';

// The ground the PostgreSQL engine stands on: the run's throwaway cluster answers, the PostgreSQL schema applies to a
// fresh database, it has every table, column, key and index the SQLite migrations build, and two test files'
// databases do not see each other.

// The PostgreSQL schema is every migration of its engine, in order (001 the first release, then one file per change).
const PG_DIR = new URL('../db/postgres/', import.meta.url);
const SCHEMA = readdirSync(PG_DIR)
  .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
  .sort()
  .map((f) => readFileSync(new URL(f, PG_DIR), 'utf8'))
  .join('\n');

/** Tables the migration runner keeps for itself (each engine's own), not the app's data. */
const RUNNER_TABLES = new Set(['schema_migrations']);
/** Columns SQLite has implicitly (findings' rowid: the order they were recorded in) and PostgreSQL by name. */
const EXPLICIT_HERE: Record<string, readonly string[]> = { findings: ['seq'] };

interface Column {
  readonly name: string;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
}

let sqliteDir: string;
let sqliteTables: Map<string, Column[]>;
let sqliteIndexes: string[];

beforeAll(() => {
  sqliteDir = mkdtempSync(join(tmpdir(), 'kb954960-schema-'));
  const store = Store.open(join(sqliteDir, 'kb.db'), { clock: testClock() });
  try {
    const tables = store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as {
      name: string;
    }[];
    sqliteTables = new Map(
      tables
        .filter((t) => !RUNNER_TABLES.has(t.name))
        .map((t) => {
          const info = store.db.prepare(`PRAGMA table_info(${t.name})`).all() as { name: string; notnull: number; pk: number }[];
          // SQLite lets a TEXT PRIMARY KEY column hold NULL (a legacy quirk); PostgreSQL's keys never do, nor does the app.
          return [t.name, info.map((c) => ({ name: c.name, notNull: c.notnull === 1 || c.pk > 0, primaryKey: c.pk > 0 }))] as const;
        }),
    );
    // Indexes written in the migrations (those SQLite makes for a key or a UNIQUE constraint have no SQL).
    sqliteIndexes = (store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map(
      (r) => r.name,
    );
  } finally {
    store.close();
  }
});

afterAll(() => rmSync(sqliteDir, { recursive: true, force: true }));

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

async function freshDatabase(): Promise<{ url: string; client: pg.Client }> {
  const url = await testDatabase();
  return { url, client: await connect(url) };
}

describe('a throwaway PostgreSQL for the tests', () => {
  let url: string;
  let client: pg.Client;

  beforeAll(async () => {
    ({ url, client } = await freshDatabase());
  }, 60_000);

  afterAll(async () => {
    await client?.end();
  });

  it('gives this file a fresh database of its own on a loopback server, in UTF-8 with byte-order collation', async () => {
    expect(url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/t_[0-9a-f]{12}$/);
    const { rows } = await client.query<{ db: string; encoding: string; collate: string; tables: string }>(
      `SELECT current_database() AS db, pg_encoding_to_char(encoding) AS encoding, datcollate AS collate,
              (SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public') AS tables
       FROM pg_database WHERE datname = current_database()`,
    );
    expect(rows[0]).toEqual({ db: new URL(url).pathname.slice(1), encoding: 'UTF8', collate: 'C', tables: '0' });
  });

  it('gives another test file another database of the same server: what one writes, the other does not see', async () => {
    const other = await freshDatabase();
    try {
      expect(new URL(other.url).port).toBe(new URL(url).port); // one cluster per run
      expect(other.url).not.toBe(url);
      await other.client.query('CREATE TABLE servers (name TEXT PRIMARY KEY)');
      await other.client.query("INSERT INTO servers VALUES ('only-there')");
      await client.query('CREATE TABLE servers (name TEXT PRIMARY KEY)');
      await client.query("INSERT INTO servers VALUES ('only-here')");
      expect((await other.client.query('SELECT name FROM servers')).rows).toEqual([{ name: 'only-there' }]);
      expect((await client.query('SELECT name FROM servers')).rows).toEqual([{ name: 'only-here' }]);
    } finally {
      await other.client.end();
    }
  });
});

describe('a database created with a collation of its own', () => {
  it('lists names in byte order, as SQLite does: a collation that ignores punctuation changes nothing', async () => {
    // ICU's root collation with punctuation ignorable: `wsus-2` sorts as "wsus2", after `wsus1`; in byte order before it.
    const url = new URL(await testDatabase());
    url.pathname = `/t_icu_${process.pid}`;
    const admin = await connect(Object.assign(new URL(url), { pathname: '/postgres' }).toString());
    try {
      await admin.query(`CREATE DATABASE ${url.pathname.slice(1)} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'und-u-ka-shifted' LOCALE 'C'`);
      const probe = await connect(url.toString());
      try {
        const sorted = await probe.query<{ x: string }>("SELECT x FROM (VALUES ('wsus1'), ('wsus-2')) t (x) ORDER BY x");
        expect(sorted.rows.map((r) => r.x)).toEqual(['wsus1', 'wsus-2']); // the database's own order
      } finally {
        await probe.end();
      }
      const storage = await openPostgresStorage(url.toString());
      try {
        const at = '2026-11-25T12:00:00.000Z';
        for (const server of ['wsus1', 'wsus-2', 'wsus.b', 'wsusa']) await storage.servers.recordVersion(server, 'dll', '3.1.6001.65', at);
        expect((await storage.servers.list()).map((f) => f.name)).toEqual(['wsus-2', 'wsus.b', 'wsus1', 'wsusa']);
        expect(await storage.servers.recent(10)).toEqual(['wsus-2', 'wsus.b', 'wsus1', 'wsusa']);
      } finally {
        await storage.close();
      }
    } finally {
      await admin.end();
    }
  });
});

describe('the PostgreSQL schema (db/postgres/)', () => {
  let client: pg.Client;
  let applied: Error | null;

  beforeAll(async () => {
    ({ client } = await freshDatabase());
    applied = await client.query(`BEGIN; ${SCHEMA}; COMMIT`).then(
      () => null,
      (e: Error) => e,
    );
  }, 60_000);

  afterAll(async () => {
    await client?.end();
  });

  it('applies cleanly to a fresh database, in one transaction', async () => {
    expect(applied).toBeNull();
    const { rows } = await client.query<{ n: string }>("SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public'");
    expect(Number(rows[0]!.n)).toBe(sqliteTables.size);
  });
  it('has every table and column of the SQLite schema after all its migrations, with the same keys and NOT NULLs', async () => {
    const { rows } = await client.query<{ table_name: string; column_name: string; is_nullable: string }>(
      "SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position",
    );
    const keys = await client.query<{ table_name: string; column_name: string }>(
      `SELECT k.table_name, k.column_name FROM information_schema.table_constraints c
       JOIN information_schema.key_column_usage k ON k.constraint_name = c.constraint_name AND k.table_schema = c.table_schema
       WHERE c.table_schema = 'public' AND c.constraint_type = 'PRIMARY KEY'`,
    );
    const primary = new Set(keys.rows.map((k) => `${k.table_name}.${k.column_name}`));
    const postgres = new Map<string, Column[]>();
    for (const r of rows) {
      if (EXPLICIT_HERE[r.table_name]?.includes(r.column_name)) continue;
      const columns = postgres.get(r.table_name) ?? [];
      columns.push({ name: r.column_name, notNull: r.is_nullable === 'NO', primaryKey: primary.has(`${r.table_name}.${r.column_name}`) });
      postgres.set(r.table_name, columns);
    }
    const byName = (cs: readonly Column[]) => [...cs].sort((a, b) => a.name.localeCompare(b.name));
    expect([...postgres.keys()].sort()).toEqual([...sqliteTables.keys()].sort());
    for (const [table, columns] of sqliteTables) expect(byName(postgres.get(table) ?? []), table).toEqual(byName(columns));
    // The one column SQLite keeps implicitly is the key that orders findings here.
    expect(primary.has('findings.seq')).toBe(true);
  });

  it('has every index the SQLite migrations create, under the same name', async () => {
    const { rows } = await client.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'");
    const names = new Set(rows.map((r) => r.indexname));
    expect(sqliteIndexes.length).toBeGreaterThan(10);
    expect(sqliteIndexes.filter((i) => !names.has(i))).toEqual([]);
  });

  it('keeps the constraints the app relies on: one diagnosis per Slack input, known languages only, cascades', async () => {
    const insert = `INSERT INTO diagnoses (created_at, origin, verdict, server_state, lang, lines, channel_id, message_ts, source_name)
                    VALUES ('2026-11-25T12:00:00.000Z', 'message', 'affected', 'affected', 'en', 3, 'C1', '1.1', $1)
                    ON CONFLICT DO NOTHING RETURNING id`;
    const first = await client.query<{ id: string }>(insert, [null]);
    expect(first.rowCount).toBe(1);
    expect((await client.query(insert, [null])).rowCount).toBe(0); // the same message again: ignored
    expect((await client.query(insert, ['log.txt'])).rowCount).toBe(1); // a file of it is another input
    const id = first.rows[0]!.id;
    await client.query("INSERT INTO findings (diagnosis_id, rule, line, text) VALUES ($1, 'r', 1, 'a'), ($1, 'r', 2, 'b')", [id]);
    await client.query('DELETE FROM diagnoses WHERE id = $1', [id]);
    expect((await client.query('SELECT 1 FROM findings WHERE diagnosis_id = $1', [id])).rowCount).toBe(0);
    await expect(client.query("INSERT INTO reader_langs (user_id, lang, chosen_at) VALUES ('U1', 'fr', '2026-11-25T12:00:00.000Z')")).rejects.toThrow(
      /reader_langs_lang_check/,
    );
  });
});
