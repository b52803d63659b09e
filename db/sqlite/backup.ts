// `kb954960 db backup FILE` and `kb954960 db restore FILE` for the SQLite file.
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { knownSchemaVersion, newerSchema, Store } from './store.js';

/** A backup or restore that cannot be done as asked: one line for the operator, exit 2. */
export class BackupRefused extends Error {
  override readonly name = 'BackupRefused';
}

export interface BackupInfo {
  readonly bytes: number;
  readonly schemaVersion: number;
  readonly diagnoses: number;
}

/** better-sqlite3's largest step: everything left. */
const ALL_PAGES = 0x7fffffff;

/** The tables every kb954960 database has had since its first schema. */
const CORE_TABLES = ['schema_migrations', 'servers', 'diagnoses'];

/** What a finished backup (or a file offered for restore) holds; refuses what is not a kb954960 database. */
function inspect(file: string): BackupInfo {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (e) {
    throw new BackupRefused(`${file}: cannot be read (${(e as Error).message})`);
  }
  try {
    let tables: string[];
    try {
      tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    } catch {
      throw new BackupRefused(`${file}: not a kb954960 database (not an SQLite file)`);
    }
    if (!CORE_TABLES.every((t) => tables.includes(t)))
      throw new BackupRefused(`${file}: not a kb954960 database (no ${CORE_TABLES.find((t) => !tables.includes(t))} table)`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupRefused(`${file}: the database is damaged (${String(check)})`);
    const version = (db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null }).v ?? 0;
    const diagnoses = (db.prepare('SELECT COUNT(*) AS n FROM diagnoses').get() as { n: number }).n;
    return { bytes: statSync(file).size, schemaVersion: version, diagnoses };
  } finally {
    db.close();
  }
}

/**
 * SQLite's online backup API while the bot goes on writing, in one step: the copy is read in one read transaction,
 * which in WAL mode does not hold up the bot's writes, so it is the database as of one moment. (In steps of some pages,
 * each write by the bot between two steps would restart the copy, which under steady load might never finish.)
 * Written beside FILE and renamed when complete: a FILE that exists is a whole backup.
 */
export async function backupSqlite(databasePath: string, file: string): Promise<BackupInfo> {
  if (!existsSync(databasePath)) throw new BackupRefused(`no database at ${databasePath} (DATABASE_PATH, or --db PATH)`);
  if (existsSync(file)) throw new BackupRefused(`${file} exists; name a new file (a backup never overwrites one)`);
  const db = new Database(databasePath, { fileMustExist: true });
  const partial = `${file}.partial`;
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial, { progress: () => ALL_PAGES });
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }
  renameSync(partial, file);
  return inspect(file);
}

/**
 * Replaces the database with FILE (stop the bot first). Refuses a file that is not a kb954960 database or is from a
 * newer version, and a database still in use; then upgrades the restored copy to this version's schema.
 */
export async function restoreSqlite(databasePath: string, file: string, clock?: () => Date): Promise<BackupInfo> {
  if (!existsSync(file)) throw new BackupRefused(`${file}: no such file`);
  const offered = inspect(file);
  const known = knownSchemaVersion();
  if (offered.schemaVersion > known) throw new BackupRefused(`${file}: ${newerSchema(offered.schemaVersion, known)}`);
  if (existsSync(databasePath)) refuseIfInUse(databasePath);
  // Copied next to the database and renamed over it: the database is the old one or the restored one, never half.
  const incoming = `${databasePath}.restoring`;
  rmSync(incoming, { force: true });
  const source = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming, { progress: () => ALL_PAGES });
  } finally {
    source.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${databasePath}${suffix}`, { force: true });
  renameSync(incoming, databasePath);
  Store.open(databasePath, { clock }).close(); // an older backup: brought to this version's schema
  return inspect(databasePath);
}

/**
 * Whether another process has the database open (the bot): each WAL connection holds a shared lock, so an exclusive
 * lock is granted only to the sole user of the file.
 */
function refuseIfInUse(databasePath: string): void {
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('SQLITE_BUSY'))
      throw new BackupRefused(`${databasePath} is in use (is the bot running?); stop it, then restore`);
    throw e;
  } finally {
    db.close();
  }
}
