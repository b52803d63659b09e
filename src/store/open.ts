import type { Storage } from './port.js';

export interface StorageOptions {
  /** The SQLite file (DATABASE_PATH); created with its directory if needed. */
  readonly databasePath: string;
  /** Read only: nothing is created or migrated (`scan --no-save` consulting an existing file). */
  readonly readonly?: boolean;
  /** When migrations are recorded as applied (the only time the storage itself needs). */
  readonly clock?: () => Date;
}

/**
 * The one place the storage is built: `serve` and each CLI command call it once and pass the port on. The engine is
 * loaded on demand, so a command that needs no database (or another engine) never loads its driver.
 */
export async function openStorage(o: StorageOptions): Promise<Storage> {
  const { openSqliteStorage } = await import('../../db/sqlite/storage.js');
  return openSqliteStorage(o.databasePath, { readonly: o.readonly, clock: o.clock });
}
