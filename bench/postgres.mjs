// A PostgreSQL for the benches: DATABASE_URL's cluster when one is given (each bench gets a fresh database in it),
// else a throwaway cluster (Debian's `postgresql` package) on a free loopback port, removed afterwards. The tests
// start theirs the same way (test/support/postgres.ts, which the benches cannot import: it is TypeScript, run by vitest).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const asServerUser = (cmd, args) => (process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args]);
const serverEnv = () => Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^PG/.test(k)));

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Starts a throwaway cluster; resolves { url, stop }. Fails with one line when PostgreSQL's server is not installed. */
export async function startCluster() {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => b - a)[0]
    : undefined;
  if (!version) throw new Error('PostgreSQL is not installed (apt-get install postgresql), and DATABASE_URL is not set');
  const bin = join(root, version, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-bench-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'])), Number(execFileSync('id', ['-g', 'postgres'])));
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), [
    '-D',
    join(dir, 'data'),
    '-A',
    'trust',
    '-U',
    'postgres',
    '--no-sync',
    '--locale=C',
    '--encoding=UTF8',
  ]);
  execFileSync(initCmd, initArgs, { env: serverEnv(), stdio: 'ignore' });
  const port = await freePort();
  // Durability off as in the tests' clusters (fsync=off): the benches measure the bot's queries, not this disk.
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    '-D',
    join(dir, 'data'),
    '-p',
    String(port),
    '-k',
    dir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
  ]);
  const server = spawn(cmd, args, { env: serverEnv(), stdio: 'ignore' });
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  for (const deadline = Date.now() + 30_000; ; ) {
    const c = new pg.Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
      break;
    } catch (e) {
      await c.end().catch(() => undefined);
      if (server.exitCode !== null || Date.now() > deadline) throw new Error(`PostgreSQL did not start: ${e.message}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    url,
    async stop() {
      const gone = new Promise((r) => server.once('exit', r));
      // Fast shutdown, by pg_ctl: as root the server runs under runuser, which does not pass a signal on.
      const [stopCmd, stopArgs] = asServerUser(join(bin, 'pg_ctl'), ['-D', join(dir, 'data'), 'stop', '-m', 'fast']);
      execFileSync(stopCmd, stopArgs, { env: serverEnv(), stdio: 'ignore' });
      await gone;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new empty database in the cluster at `clusterUrl`; returns its URL. */
export async function createDatabase(clusterUrl) {
  const name = `bench_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: clusterUrl });
  await c.connect();
  try {
    await c.query(`CREATE DATABASE ${name}`);
  } finally {
    await c.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** { url, stop() }: a fresh database of DATABASE_URL's cluster (stop leaves the cluster), or of a throwaway one. */
export async function benchPostgres() {
  if (process.env.DATABASE_URL) return { url: await createDatabase(process.env.DATABASE_URL), stop: async () => undefined };
  const cluster = await startCluster();
  return { url: await createDatabase(cluster.url), stop: () => cluster.stop() };
}
