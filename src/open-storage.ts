import { existsSync } from 'node:fs';
import type { Storage } from './store/port.js';

export interface StorageOptions {
  /** The SQLite file (DATABASE_PATH); created with its directory if needed. */
  readonly databasePath: string;
  /** postgres://… (DATABASE_URL): PostgreSQL instead of the SQLite file. */
  readonly databaseUrl?: string;
  /** When migrations are recorded as applied (the only time the storage itself needs). */
  readonly clock?: () => Date;
}

/**
 * The one place the storage is built: `serve` and each CLI command call it once and pass the port on. DATABASE_URL
 * picks PostgreSQL, else the SQLite file. The engine is loaded on demand, so a command that needs no database (or the
 * other engine) never loads its driver.
 */
export async function openStorage(o: StorageOptions): Promise<Storage> {
  if (o.databaseUrl) {
    const { openPostgresStorage } = await import('../db/postgres/storage.js');
    return openPostgresStorage(o.databaseUrl, { clock: o.clock });
  }
  const { openSqliteStorage } = await import('../db/sqlite/storage.js');
  return openSqliteStorage(o.databasePath, { clock: o.clock });
}

/**
 * The storage to consult, never to change (`scan --no-save`): nothing is created, migrated or written. Null when
 * there is nothing to consult yet: no SQLite file, or a PostgreSQL database the bot never set up.
 */
export async function openStorageToRead(o: Omit<StorageOptions, 'clock'>): Promise<Storage | null> {
  if (o.databaseUrl) {
    const { openPostgresToRead } = await import('../db/postgres/storage.js');
    return openPostgresToRead(o.databaseUrl);
  }
  if (!existsSync(o.databasePath)) return null;
  const { openSqliteStorage } = await import('../db/sqlite/storage.js');
  return openSqliteStorage(o.databasePath, { readonly: true });
}

/**
 * Moving over: the SQLite file's rows into an empty PostgreSQL database (its schema made first), verified by counts;
 * all or nothing. Returns each table's rows.
 */
export async function copyToPostgres(sqlitePath: string, url: string, clock?: () => Date): Promise<{ table: string; rows: number }[]> {
  const { copySqliteToPostgres } = await import('../db/copy.js');
  return copySqliteToPostgres(sqlitePath, url, { clock });
}

/** What `kb954960 db backup|restore` reports: the file's size, its schema version and how many diagnoses it holds. */
export interface BackupInfo {
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly diagnoses: number;
}

/**
 * `kb954960 db backup FILE`: an online copy of the SQLite file, safe while the bot runs. (PostgreSQL is backed up
 * with its own pg_dump: docs/operations.md.) A refusal is an Error whose message is the one line to print.
 */
export async function backupDatabase(databasePath: string, file: string): Promise<BackupInfo> {
  const { backupSqlite } = await import('../db/sqlite/backup.js');
  return backupSqlite(databasePath, file);
}

/** `kb954960 db restore FILE`: replaces the (stopped) bot's database with a backup, brought to this version's schema. */
export async function restoreDatabase(databasePath: string, file: string, clock?: () => Date): Promise<BackupInfo> {
  const { restoreSqlite } = await import('../db/sqlite/backup.js');
  return restoreSqlite(databasePath, file, clock);
}

/** Whether `e` is a refusal of a backup or restore (one line, exit 2) rather than a fault. */
export function isBackupRefusal(e: unknown): boolean {
  return (e as Error | null)?.name === 'BackupRefused';
}
