/** `kb954960 db backup|restore FILE`: the SQLite file (PostgreSQL: pg_dump and pg_restore, docs/operations.md). */
import type { Config } from '../../src/config.js';
import { parse, UsageError, write } from './io.js';

export const BACKUP_SYNOPSIS = 'db backup FILE [--db PATH]';
export const RESTORE_SYNOPSIS = 'db restore FILE [--db PATH]';

export async function dbBackupOrRestore(action: 'backup' | 'restore', args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { db: { type: 'string' } });
  const [file, extra] = positionals;
  if (file === undefined || extra !== undefined) throw new UsageError(`usage: ${action === 'backup' ? BACKUP_SYNOPSIS : RESTORE_SYNOPSIS}`);
  const dbPath = (values.db as string | undefined) ?? config.databasePath;
  const { backupDatabase, restoreDatabase, isBackupRefusal } = await import('../../src/open-storage.js');
  const started = performance.now();
  try {
    const info = action === 'backup' ? await backupDatabase(dbPath, file) : await restoreDatabase(dbPath, file, config.clock);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const what = `schema version ${info.schemaVersion}, ${info.diagnoses} ${info.diagnoses === 1 ? 'diagnosis' : 'diagnoses'}, ${info.bytes} bytes`;
    write(action === 'backup' ? `backed up ${dbPath} to ${file} (${what}) in ${seconds} s` : `restored ${file} to ${dbPath} (${what}) in ${seconds} s`);
    return 0;
  } catch (e) {
    if (isBackupRefusal(e)) throw new UsageError((e as Error).message);
    throw new UsageError(`${action} failed: ${(e as Error).message}`);
  }
}
