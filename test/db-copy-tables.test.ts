// `kb954960 db copy` moves every table the SQLite engine has: a table added by a migration and forgotten in the copy
// would be lost on the move (enrolled servers' keys, alert memory …), silently, since each count would still match.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { copySqliteToPostgres } from '../db/copy.js';
import { openSqliteStorage } from '../db/sqlite/storage.js';
import { testDatabase } from './support/postgres.js';

const dir = mkdtempSync(join(tmpdir(), 'kb954960-copy-tables-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('copies every table of the SQLite schema (but its migration record), fleet reports included', async () => {
  const path = join(dir, 'kb.db');
  const s = openSqliteStorage(path); // applies every migration
  await s.fleet.enroll('wsus01', 'key-1', '2026-11-01T00:00:00.000Z');
  await s.close();
  const db = new Database(path, { readonly: true });
  const tables = (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'").all() as { name: string }[]
  )
    .map((t) => t.name)
    .sort();
  db.close();
  const copied = await copySqliteToPostgres(path, await testDatabase());
  expect(copied.map((c) => c.table).sort()).toEqual(tables);
  expect(copied.find((c) => c.table === 'report_keys')?.rows).toBe(1);
});
