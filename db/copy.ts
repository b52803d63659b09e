import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStorage } from './postgres/storage.js';

/**
 * `kb954960 db copy --to postgres://…`: an existing SQLite database, row for row, into an empty PostgreSQL one (its
 * schema made first, as at any start), in one transaction, verified by counting every table on both sides. Ids are
 * kept (threads, buttons and the work queue refer to them), and PostgreSQL's id sequences continue after them. Here,
 * between the engines, because it speaks both (each engine alone knows only itself).
 */

/** Parents before children, as the foreign keys need them. */
const TABLES = [
  'servers',
  'server_aliases',
  'diagnoses',
  'findings',
  'diagnosis_problems',
  'diagnosis_codes',
  'fault_ids',
  'server_fact_sources',
  'slack_inbox',
  'slack_inbox_content',
  'subscriptions',
  'status_posts',
  'reader_langs',
] as const;

/** SQLite keeps these flags as 0/1; PostgreSQL as BOOLEAN. */
const FLAGS = new Set(['named_by_admin', 'server_by_admin']);
/** Rows per INSERT: well under PostgreSQL's 65535 parameters for the widest table. */
const BATCH = 1000;

export interface CopiedTable {
  readonly table: string;
  readonly rows: number;
}

export async function copySqliteToPostgres(sqlitePath: string, url: string, options: { clock?: () => Date } = {}): Promise<CopiedTable[]> {
  const source = new Database(sqlitePath, { readonly: true, fileMustExist: true });
  try {
    // The schema, as at any start (and the same lock: a bot starting meanwhile migrates once).
    await (await openPostgresStorage(url, options)).close();
    const target = new pg.Client({ connectionString: url });
    await target.connect();
    try {
      await target.query('BEGIN');
      const copied: CopiedTable[] = [];
      for (const table of TABLES) {
        const existing = Number((await target.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
        if (existing > 0) throw new Error(`the PostgreSQL database is not empty (${table} has ${existing} rows): copy into a new one`);
        const columns = (
          (await target.query('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table])).rows as {
            column_name: string;
          }[]
        ).map((r) => r.column_name);
        // findings.seq is SQLite's rowid: the order the evidence was recorded in.
        const select = columns.map((c) => (table === 'findings' && c === 'seq' ? 'rowid AS seq' : `"${c}"`)).join(', ');
        const rows = source.prepare(`SELECT ${select} FROM ${table}`).iterate() as IterableIterator<Record<string, unknown>>;
        let n = 0;
        let batch: unknown[][] = [];
        const flush = async () => {
          if (batch.length === 0) return;
          const values = batch.map((_, i) => `(${columns.map((__, j) => `$${i * columns.length + j + 1}`).join(', ')})`).join(', ');
          await target.query(`INSERT INTO ${table} (${columns.map((c) => `"${c}"`).join(', ')}) OVERRIDING SYSTEM VALUE VALUES ${values}`, batch.flat());
          n += batch.length;
          batch = [];
        };
        for (const row of rows) {
          batch.push(columns.map((c) => (FLAGS.has(c) ? row[c] !== 0 && row[c] !== null : row[c])));
          if (batch.length === BATCH) await flush();
        }
        await flush();
        copied.push({ table, rows: n });
      }
      // New rows continue after the copied ids.
      await target.query("SELECT setval(pg_get_serial_sequence('diagnoses', 'id'), COALESCE(MAX(id), 0) + 1, false) FROM diagnoses");
      await target.query("SELECT setval(pg_get_serial_sequence('findings', 'seq'), COALESCE(MAX(seq), 0) + 1, false) FROM findings");
      // Verified by counts, inside the transaction: a difference copies nothing.
      for (const { table, rows } of copied) {
        const there = Number((await target.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
        const here = (source.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
        if (there !== rows || here !== rows) throw new Error(`${table}: ${here} rows in SQLite, ${there} in PostgreSQL after the copy; nothing was copied`);
      }
      await target.query('COMMIT');
      return copied;
    } catch (e) {
      await target.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      await target.end();
    }
  } finally {
    source.close();
  }
}
