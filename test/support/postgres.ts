// A real PostgreSQL for tests: a throwaway cluster (Debian's `postgresql` package, which .ci/run installs) on a free
// loopback port, one per vitest run (test/support/postgres-global.ts starts it the first time a test file asks), and a
// fresh database per test file. Nothing is shared with a PostgreSQL the machine may run for itself.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { freePort } from './processes.js';

/** Where Debian installs each major version's server binaries (kept off PATH): the newest one there. */
const DEBIAN_BIN_DIRS = '/usr/lib/postgresql';

export function postgresBinDir(): string {
  const versions = existsSync(DEBIAN_BIN_DIRS)
    ? readdirSync(DEBIAN_BIN_DIRS)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(DEBIAN_BIN_DIRS, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) {
    throw new Error(`PostgreSQL's server is not installed (no ${DEBIAN_BIN_DIRS}/*/bin/initdb): apt-get install postgresql (.ci/run does it)`);
  }
  return join(DEBIAN_BIN_DIRS, versions[0]!, 'bin');
}

export interface Cluster {
  /** postgres://postgres@127.0.0.1:<port>/postgres: the superuser on the maintenance database. */
  readonly url: string;
  readonly port: number;
  /** How long initdb and the server's start took, in ms. */
  readonly startMs: number;
  /** Stops the server (fast shutdown: open connections are cut) and removes its files. */
  stop(): Promise<void>;
}

/**
 * Runs `postgres`, and stops it (SIGINT: fast shutdown, open connections are cut) as soon as its stdin closes: when
 * stop() ends it, and just as well when the process that started it dies without a word (a killed vitest), so no
 * server outlives its run. A stopped cluster's directory goes with it; a server that exited by itself (its port was
 * taken) leaves it for another try. Arguments: the directory, then the server's command line.
 */
const SUPERVISOR = `
exec 3<&0
dir="$1"; shift
"$@" </dev/null & pid=$!
( read -r _ <&3; : > "$dir/stop"; kill -INT "$pid" 2>/dev/null ) & watcher=$!
wait "$pid"; code=$?
kill "$watcher" 2>/dev/null
if [ -e "$dir/stop" ]; then rm -rf "$dir"; fi
exit "$code"
`;

/**
 * The environment of the server's processes: ours, without the libpq variables a developer's shell may set, and without
 * libfaketime (the shifted-clock run's LD_PRELOAD and FAKETIME*). The server's clock plays no part (the bot writes
 * every time it stores), and libfaketime shares its clock through semaphores in /dev/shm that a server running as the
 * `postgres` user cannot open when root made them: with a stale one of root's left under a reused pid, initdb failed.
 */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PG|FAKETIME|LD_PRELOAD$|DYLD_)/.test(k)) env[k] = v;
  return env;
}

/** PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user the package creates. */
function asServerUser(command: string, args: readonly string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, [...args]];
}

function run(command: string, args: readonly string[]): Promise<void> {
  const [cmd, argv] = asServerUser(command, args);
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { env: serverEnv(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts a throwaway cluster: initdb into a new temporary directory, then the server on a free loopback port. */
export async function startCluster(): Promise<Cluster> {
  const started = performance.now();
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'kb954960-pg-'));
  if (process.getuid?.() === 0) {
    const postgres = userInfoOf('postgres');
    chownSync(dir, postgres.uid, postgres.gid);
  }
  const data = join(dir, 'data');
  try {
    // C collation: text compares byte by byte, as SQLite's does. UTF8 explicitly: under the C locale initdb would
    // otherwise pick SQL_ASCII, which stores any bytes and checks none.
    await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--locale=C', '--encoding=UTF8']);
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // A port found free may be taken before the server binds it: then another one.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    // max_connections: the PostgreSQL pass runs test files side by side, each with bots that hold a full pool open.
    const serverArgs = [
      join(bin, 'postgres'),
      ...['-D', data, '-p', String(port), '-k', dir],
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=400'],
    ];
    const [cmd, argv] = asServerUser('sh', ['-c', SUPERVISOR, 'sh', dir, ...serverArgs]);
    const child = spawn(cmd, argv, { env: serverEnv(), stdio: ['pipe', 'ignore', 'pipe'] });
    let log = '';
    child.stderr!.on('data', (b: Buffer) => (log = (log + b.toString()).slice(-4000)));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    child.stdin!.on('error', () => undefined); // the supervisor may be gone already: nothing left to tell
    const stop = async () => {
      child.stdin!.end();
      await exited(child);
      rmSync(dir, { recursive: true, force: true });
    };
    const ready = await whenReady(url, child);
    if (ready) return { url, port, startMs: Math.round(performance.now() - started), stop };
    if (attempt >= 3 || !/could not (bind|create listen)/i.test(log)) {
      await stop();
      throw new Error(`PostgreSQL did not start: ${log.trim()}`);
    }
  }
}

/** The ids of a system user (os.userInfo() knows only the current one). */
function userInfoOf(name: string): { uid: number; gid: number } {
  try {
    return { uid: Number(execFileSync('id', ['-u', name], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', name], { encoding: 'utf8' })) };
  } catch {
    throw new Error(`no user ${name}: the postgresql package creates it (apt-get install postgresql)`);
  }
}

/** True once the server accepts a connection; false when it exited first. */
async function whenReady(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = performance.now() + 30_000;
  let gone = false;
  void exited(child).then(() => (gone = true));
  while (!gone) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
    try {
      await client.connect();
      await client.end();
      return true;
    } catch {
      await client.end().catch(() => undefined);
      if (performance.now() > deadline) return false;
      // The server is still starting: it answers in well under a second; ask again shortly.
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  return false;
}

/** A new, empty database in the cluster at `clusterUrl`; returns its URL. */
export async function createDatabase(clusterUrl: string): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: clusterUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh database of this run's cluster, for a test file: the cluster starts on the first call of the run (the
 * global set-up, test/support/postgres-global.ts, holds it and stops it when the run ends).
 */
export async function testDatabase(): Promise<string> {
  const control = inject('postgresControl');
  const res = await fetch(`${control}/database`, { method: 'POST' });
  const body = (await res.json()) as { url?: string; error?: string };
  if (!res.ok || !body.url) throw new Error(body.error ?? `the PostgreSQL test set-up answered ${res.status}`);
  return body.url;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** http://127.0.0.1:<port>: POST /database starts the run's cluster if needed and answers a fresh database's URL. */
    postgresControl: string;
  }
}
