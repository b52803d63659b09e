// Upgrades of the SQLite database: one built at each earlier schema version (the migrations up to it, rows in every
// table it had) opened by today's code loses nothing; one from a newer version is refused with one line; a migration
// that fails leaves the database as it was.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStorage } from '../db/sqlite/storage.js';
import { knownSchemaVersion, Store } from '../db/sqlite/store.js';
import { childEnv, testClock } from './support/clock.js';
import { startFakeSlack } from './support/index.js';

const MIGRATIONS = fileURLToPath(new URL('../db/sqlite/', import.meta.url));
const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const FILES = readdirSync(MIGRATIONS)
  .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
  .sort();
const VERSIONS = FILES.map((f) => Number(f.slice(0, 3)));
const scratch = mkdtempSync(join(tmpdir(), 'kb954960-upgrade-'));
const clock = testClock();

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A folder holding the migrations up to `version`, and `extra` files. */
function migrationsUpTo(version: number, extra: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(scratch, `migrations-${version}-`));
  for (const f of FILES) if (Number(f.slice(0, 3)) <= version) copyFileSync(join(MIGRATIONS, f), join(dir, f));
  for (const [name, sql] of Object.entries(extra)) writeFileSync(join(dir, name), sql);
  return dir;
}

type Snapshot = Record<string, Record<string, unknown>[]>;

const userTables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((t) => t.name);

/**
 * Rows in every table the schema has, made from the columns alone (so a table added later is filled without this
 * test knowing it): `<column>-<i>` for text, i for numbers. Keys agree across tables (servers.name `name-1` is what
 * server_aliases.name holds; diagnoses.id 1 is every diagnosis_id 1), so the foreign keys hold.
 */
function fill(db: Database.Database, rows = 3): void {
  db.pragma('foreign_keys = OFF'); // tables in name order, children before parents; checked whole below
  for (const table of userTables(db)) {
    const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; type: string }[];
    const insert = db.prepare(`INSERT INTO ${table} (${columns.map((c) => c.name).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (let i = 1; i <= rows; i++) {
      insert.run(columns.map((c) => (c.name === 'lang' ? 'en' : /INT/i.test(c.type) ? i : `${c.name}-${i}`)));
    }
  }
  db.pragma('foreign_keys = ON');
  expect(db.pragma('foreign_key_check')).toEqual([]);
}

function snapshot(db: Database.Database): Snapshot {
  const out: Snapshot = {};
  for (const table of userTables(db)) out[table] = db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all() as Record<string, unknown>[];
  return out;
}

function schemaOf(db: Database.Database): unknown[] {
  return db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();
}

/** A database built by the version whose last migration is `version`, filled; and what it held. */
function databaseAt(version: number): { path: string; before: Snapshot } {
  const path = join(scratch, `v${version}-${Math.random().toString(36).slice(2)}.db`);
  const store = Store.open(path, { clock, migrationsDir: migrationsUpTo(version) });
  expect(store.schemaVersion()).toBe(version);
  fill(store.db);
  const before = snapshot(store.db);
  store.close();
  return { path, before };
}

describe('a database from each earlier version, opened by today', () => {
  it('has migrations numbered 1, 2, 3 … with none missing', () => {
    expect(VERSIONS).toEqual(VERSIONS.map((_, i) => i + 1));
    expect(knownSchemaVersion()).toBe(VERSIONS.at(-1));
  });

  it.each(VERSIONS.slice(0, -1))('schema version %i is upgraded with nothing lost', async (version) => {
    const { path, before } = databaseAt(version);
    const storage = openSqliteStorage(path, { clock });
    try {
      expect(storage.raw.schemaVersion()).toBe(knownSchemaVersion());
      const db = storage.raw.db;
      for (const [table, rows] of Object.entries(before)) {
        expect(rows.length, table).toBe(3);
        // The columns it had, as they were (later versions add columns with defaults, never rewrite these).
        const columns = Object.keys(rows[0]!);
        expect(db.prepare(`SELECT ${columns.join(', ')} FROM ${table} ORDER BY 1, 2`).all(), table).toEqual(rows);
      }
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(await storage.ping()).toBe(true);
    } finally {
      await storage.close();
    }
  });
});

describe('a database from a newer version', () => {
  const newer = () => {
    const { path } = databaseAt(knownSchemaVersion());
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(knownSchemaVersion() + 1, 'future.sql', clock().toISOString());
    db.close();
    return path;
  };

  it('is refused by the store, and left untouched', () => {
    const path = newer();
    expect(() => Store.open(path, { clock })).toThrow(
      `the database is from a newer kb954960 (schema version ${knownSchemaVersion() + 1}; this one knows up to ${knownSchemaVersion()})`,
    );
  });

  it('is one line when `serve` starts on it, exit 2', async () => {
    const fake = await startFakeSlack();
    try {
      // Not spawnSync: the fake Slack the child asks (auth.test) runs in this process's event loop.
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: childEnv({
          SLACK_BOT_TOKEN: 'xoxb-1-upgrade',
          SLACK_SIGNING_SECRET: 'upgrade-secret',
          SLACK_API_URL: fake.apiUrl,
          PORT: '0',
          HOST: '127.0.0.1',
          DATABASE_PATH: newer(),
        }),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(status).toBe(2);
      expect(stderr).toMatch(
        /^kb954960: DATABASE_PATH: cannot open the database at .*: the database is from a newer kb954960 \(schema version \d+; this one knows up to \d+\): run that version, or restore a backup made with this one\n$/,
      );
    } finally {
      await fake.close();
    }
  });

  it('is one line from the CLI, exit 2', () => {
    const path = newer();
    const r = spawnSync(process.execPath, [BIN, 'history', '--db', path], { env: childEnv(), encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^kb954960: cannot open the database at .*: the database is from a newer kb954960 \(schema version \d+; this one knows up to \d+\): run that version, or restore a backup made with this one\n$/,
    );
  });
});

describe('a migration that fails', () => {
  it('leaves the database as it was: no later migration applied, no row changed', () => {
    const { path, before } = databaseAt(5);
    const db0 = new Database(path, { readonly: true });
    const schemaBefore = schemaOf(db0);
    db0.close();
    // Today's migrations, then a broken one: its first statement works, its second does not.
    const last = knownSchemaVersion();
    const broken = `${String(last + 1).padStart(3, '0')}_broken.sql`;
    const dir = migrationsUpTo(last, { [broken]: 'CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n' });
    expect(() => Store.open(path, { clock, migrationsDir: dir })).toThrow(`migration ${broken} failed, nothing was changed: no such table: no_such_table`);
    const db = new Database(path, { readonly: true });
    try {
      expect((db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number }).v).toBe(5);
      expect(schemaOf(db)).toEqual(schemaBefore);
      expect(snapshot(db)).toEqual(before);
    } finally {
      db.close();
    }
    // And today's code still upgrades it afterwards.
    const store = Store.open(path, { clock });
    expect(store.schemaVersion()).toBe(last);
    store.close();
  });
});
