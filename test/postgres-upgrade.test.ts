// Upgrades of a PostgreSQL database, as test/upgrade.test.ts does for SQLite: one from a newer version is refused
// with the same one line, and a migration that fails leaves the database as it was (the run is one transaction).
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../db/postgres/storage.js';
import { testClock } from './support/clock.js';
import { testDatabase } from './support/postgres.js';

const MIGRATIONS = fileURLToPath(new URL('../db/postgres/', import.meta.url));
const FILES = readdirSync(MIGRATIONS)
  .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
  .sort();
const KNOWN = Number(FILES.at(-1)!.slice(0, 3));
const scratch = mkdtempSync(join(tmpdir(), 'kb954960-pg-upgrade-'));
const clock = testClock();

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function query(url: string, text: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const tables = async (url: string) =>
  (await query(url, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name")).map((r) => String(r.table_name));

/** Today's migrations, then `broken`: its first statement works, its second does not. */
function withBroken(broken: string): string {
  const dir = mkdtempSync(join(scratch, 'migrations-'));
  for (const f of FILES) copyFileSync(join(MIGRATIONS, f), join(dir, f));
  writeFileSync(join(dir, broken), 'CREATE TABLE half_done (x INTEGER);\nINSERT INTO no_such_table VALUES (1);\n');
  return dir;
}

describe('a PostgreSQL database from a newer kb954960', () => {
  it('is refused with the one line SQLite gives, and left untouched', async () => {
    const url = await testDatabase();
    await (await openPostgresStorage(url, { clock })).close();
    await query(url, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, '999_later.sql', '2030-01-01T00:00:00.000Z')", [KNOWN + 1]);
    await expect(openPostgresStorage(url, { clock })).rejects.toThrow(
      `the database is from a newer kb954960 (schema version ${KNOWN + 1}; this one knows up to ${KNOWN}): run that version, or restore a backup made with this one`,
    );
    expect((await query(url, 'SELECT MAX(version) AS v FROM schema_migrations'))[0]!.v).toBe(KNOWN + 1);
  });
});

describe('a PostgreSQL migration that fails', () => {
  it('leaves an empty database empty: the migrations before it in the same run are undone too', async () => {
    const url = await testDatabase();
    const broken = `${String(KNOWN + 1).padStart(3, '0')}_broken.sql`;
    await expect(openPostgresStorage(url, { clock, migrationsDir: withBroken(broken) })).rejects.toThrow(
      `migration ${broken} failed, nothing was changed: relation "no_such_table" does not exist`,
    );
    expect(await tables(url)).toEqual([]);
  });

  it('leaves a database at today’s version as it was: no table added, no row changed, still opens', async () => {
    const url = await testDatabase();
    const store = await openPostgresStorage(url, { clock });
    await store.servers.recordVersion('wsus01.corp.example', 'dll', '3.1.6001.65', '2026-11-25T12:00:00.000Z');
    await store.close();
    const before = {
      tables: await tables(url),
      servers: await query(url, 'SELECT * FROM servers'),
      versions: await query(url, 'SELECT * FROM schema_migrations'),
    };

    const broken = `${String(KNOWN + 1).padStart(3, '0')}_broken.sql`;
    await expect(openPostgresStorage(url, { clock, migrationsDir: withBroken(broken) })).rejects.toThrow(`migration ${broken} failed, nothing was changed`);
    expect(await tables(url)).toEqual(before.tables);
    expect(before.tables).not.toContain('half_done');
    expect(await query(url, 'SELECT * FROM servers')).toEqual(before.servers);
    expect(await query(url, 'SELECT * FROM schema_migrations')).toEqual(before.versions);

    const again = await openPostgresStorage(url, { clock });
    expect((await again.servers.facts('wsus01.corp.example'))?.dllVersion).toBe('3.1.6001.65');
    await again.close();
  });
});

describe('a PostgreSQL database of each earlier schema', () => {
  it('upgrades to today with nothing lost: every release of the engine, filled, then opened by this version', async () => {
    for (const [n, upTo] of FILES.slice(0, -1).entries()) {
      // The database as that release left it: its migrations only, and a diagnosis on a server in it.
      const dir = mkdtempSync(join(scratch, `release-${n}-`));
      for (const f of FILES.slice(0, n + 1)) copyFileSync(join(MIGRATIONS, f), join(dir, f));
      const url = await testDatabase();
      await (await openPostgresStorage(url, { clock, migrationsDir: dir })).close();
      await query(
        url,
        "INSERT INTO servers (name, dll_version, dll_version_at, first_seen_at, last_seen_at) VALUES ('wsus01', '3.1.6001.65', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
      );
      await query(
        url,
        "INSERT INTO diagnoses (created_at, origin, server, verdict, server_state, lang, lines) VALUES ('2026-11-02T00:00:00.000Z', 'cli', 'wsus01', 'affected', 'vulnerable', 'en', 12)",
      );
      // Today's engine opens it: the later migrations applied, the rows still there and readable through the port.
      const s = await openPostgresStorage(url, { clock });
      try {
        const [entry] = await s.history.list();
        expect(entry, `from ${upTo}`).toMatchObject({ server: 'wsus01', verdict: 'affected', origin: 'cli' });
        expect((await s.servers.facts('wsus01'))?.dllVersion).toBe('3.1.6001.65');
      } finally {
        await s.close();
      }
      expect((await query(url, 'SELECT MAX(version) AS v FROM schema_migrations'))[0]?.v).toBe(KNOWN);
    }
  });
});
