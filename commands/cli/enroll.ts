/** `kb954960 enroll NAME [--revoke]`: a WSUS server's reporting key, printed once. */
import { chmodSync, existsSync } from 'node:fs';
import type { Config } from '../../src/config.js';
import { openStore, parse, UsageError, write } from './io.js';

export async function enroll(args: string[], config: Config): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' }, revoke: { type: 'boolean' }, db: { type: 'string' } });
  if (positionals.length !== 1) throw new UsageError('enroll takes one server name: kb954960 enroll NAME [--revoke]');
  const { enrollServer, revokeServer, EnrolError } = await import('../../src/reports/keys.js');
  const store = await openStore(values.db as string | undefined, config);
  try {
    const name = positionals[0]!;
    if (values.revoke) {
      const { server, revoked } = await revokeServer(store, name, config.clock());
      write(
        values.json
          ? JSON.stringify({ server, revoked })
          : revoked
            ? `${server}: key revoked; its reports are refused from now on.`
            : `${server}: no key in force; nothing to revoke.`,
      );
      return revoked ? 0 : 1;
    }
    const { server, key } = await enrollServer(store, name, config.clock());
    // The key is kept in the database (the listener needs it to check signatures): a SQLite file's files are the
    // owner's only. (PostgreSQL's access is its own roles' business.)
    if (store.engine === 'sqlite') {
      const dbPath = (values.db as string | undefined) ?? config.databasePath;
      for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) if (existsSync(f)) chmodSync(f, 0o600);
    }
    // The key is printed here once and nowhere else (never logged): the server's admin copies it.
    write(
      values.json
        ? JSON.stringify({ server, key })
        : `${server}: enrolled. Its reporting key (shown once; any older key no longer works):\n${key}\n` +
            `On the WSUS server: .\\Send-KB954960Report.ps1 -Install -Url <this bot's ingest address> -Key ${key}`,
    );
    return 0;
  } catch (e) {
    if (e instanceof EnrolError) throw new UsageError(e.message);
    throw e;
  } finally {
    await store.close();
  }
}
