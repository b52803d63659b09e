// A throwaway PostgreSQL for benches (DATABASE_URL, when set, is used instead): initdb into a temporary directory and
// the server on a free loopback port, as the tests' cluster is made (test/support/postgres.ts, which benches cannot
// import: it is TypeScript under vitest). stop() ends the server and removes its files.
import { execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const root = process.getuid?.() === 0;
/** PostgreSQL refuses to run as root: as root, as the `postgres` user the Debian package creates. */
const as = (cmd, args) => (root ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);

function binDir() {
  const base = '/usr/lib/postgresql';
  const v = existsSync(base)
    ? readdirSync(base)
        .filter((d) => existsSync(join(base, d, 'bin', 'initdb')))
        .sort((a, b) => b - a)[0]
    : undefined;
  if (!v) throw new Error(`PostgreSQL's server is not installed (no ${base}/*/bin/initdb): set DATABASE_URL or apt-get install postgresql`);
  return join(base, v, 'bin');
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

/** { url, stop() }: DATABASE_URL's database (stop does nothing), or a new cluster's. */
export async function benchPostgres() {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, stop: async () => undefined };
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-pg-'));
  if (root) {
    chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  }
  const data = join(dir, 'data');
  const [c1, a1] = as(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--locale=C', '--encoding=UTF8']);
  execFileSync(c1, a1, { stdio: 'ignore' });
  const port = await freePort();
  const [c2, a2] = as(join(bin, 'postgres'), ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off']);
  const child = spawn(c2, a2, { stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || i > 300) throw new Error('bench PostgreSQL did not start');
      await new Promise((r) => setTimeout(r, 50)); // polling the server's start: no event to wait for
    }
  }
  return {
    url,
    stop: async () => {
      // runuser does not pass signals on: the server itself is told (its pid is postmaster.pid's first line).
      const gone = new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      process.kill(Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]), 'SIGINT');
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
