/** `kb954960 db copy`: the SQLite database into an empty PostgreSQL one. */
import { existsSync } from 'node:fs';
import type { Config } from '../../src/config.js';
import { parse, UsageError, write } from './io.js';

const SYNOPSIS = 'db copy --to postgres://user:password@host:5432/database [--db PATH]';

export async function dbCopy(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { to: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`usage: ${SYNOPSIS}`);
  const to = values.to as string | undefined;
  if (!to || !/^postgres(ql)?:\/\/\S+$/.test(to)) throw new UsageError('db copy: --to must be a postgres://user:password@host:5432/database URL');
  const from = (values.db as string | undefined) ?? config.databasePath;
  if (!existsSync(from)) throw new UsageError(`db copy: ${from}: no such database file`);
  const { copyToPostgres } = await import('../../src/open-storage.js');
  let copied: { table: string; rows: number }[];
  try {
    copied = await copyToPostgres(from, to, config.clock);
  } catch (e) {
    // The URL is never printed: it may hold a password.
    throw new UsageError(`db copy: ${(e as Error).message}`);
  }
  if (values.json) write(JSON.stringify({ from, copied }));
  else write([`copied ${from} into PostgreSQL, every table verified by its count:`, ...copied.map((c) => `  ${c.table.padEnd(20)} ${c.rows}`)].join('\n'));
  return 0;
}
