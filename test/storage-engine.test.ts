// Which engine the CLI (and `serve`, through the same factory, src/open-storage.ts) stores in: DATABASE_URL picks
// PostgreSQL, else the SQLite file; the SQLite path never loads the PostgreSQL client; a database that cannot be
// reached is one line and exit 2, its URL (which may hold a password) never printed. Runs the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv } from './support/clock.js';
import { fixture } from './support/fixtures.js';
import { testDatabase } from './support/postgres.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

let dir: string;
beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
  dir = mkdtempSync(join(tmpdir(), 'kb954960-engine-'));
  // Notes every package the CLI requires (the bundle loads its packages with require()).
  writeFileSync(
    join(dir, 'trace.cjs'),
    `const M = require('node:module'); const load = M._load; M._load = function (r, ...a) { if (!r.startsWith('.') && !r.startsWith('/') && !r.startsWith('node:')) require('node:fs').appendFileSync(process.env.TRACE_FILE, r + '\\n'); return load.call(this, r, ...a); };`,
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tables of the database at `url` (the bot's schema, once something set it up). */
async function tablesOf(url: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map((r) => String(r.tablename));
  } finally {
    await client.end();
  }
}

const run = (args: string[], env: Record<string, string>, trace?: string) =>
  spawnSync(process.execPath, [...(trace ? ['--require', join(dir, 'trace.cjs')] : []), BIN, ...args], {
    env: childEnv({ ...env, ...(trace ? { TRACE_FILE: trace } : {}) }),
    encoding: 'utf8',
    timeout: 20_000,
  });

describe('the storage engine', () => {
  it('DATABASE_URL stores in PostgreSQL: scan records there, history reads it back, no SQLite file is made', async () => {
    const url = await testDatabase();
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, fixture('client-affected.log'));
    const sqlite = join(dir, 'unused', 'kb.db');
    const env = { DATABASE_URL: url, DATABASE_PATH: sqlite };
    const trace = join(dir, 'pg-trace.txt');
    expect(run(['scan', log, '--server', 'wsus-pg'], env, trace).status).toBe(1);
    expect(readFileSync(trace, 'utf8').split('\n')).toContain('pg'); // what the trace sees
    const history = run(['history', '--json'], env);
    expect(history.stderr).toBe('');
    expect(JSON.parse(history.stdout)).toMatchObject([{ server: 'wsus-pg', verdict: 'affected', origin: 'cli' }]);
    expect(existsSync(sqlite)).toBe(false);
    // `--db PATH` is a SQLite file, whatever DATABASE_URL says.
    const local = join(dir, 'local.db');
    expect(JSON.parse(run(['history', '--json', '--db', local], env).stdout)).toEqual([]);
    expect(existsSync(local)).toBe(true);
  });

  it('the SQLite path never loads the PostgreSQL client (nor does a scan that saves nothing load a driver)', () => {
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, fixture('client-affected.log'));
    const trace = join(dir, 'sqlite-trace.txt');
    writeFileSync(trace, '');
    expect(run(['scan', log], { DATABASE_PATH: join(dir, 'kb.db') }, trace).status).toBe(1);
    expect(run(['status'], { DATABASE_PATH: join(dir, 'kb.db') }, trace).status).toBe(1);
    const loaded = new Set(readFileSync(trace, 'utf8').split('\n').filter(Boolean));
    expect(loaded).toContain('better-sqlite3');
    expect([...loaded].filter((p) => p === 'pg' || p.startsWith('pg-'))).toEqual([]);
    const noSave = join(dir, 'nosave-trace.txt');
    writeFileSync(noSave, '');
    expect(run(['scan', '--no-save', log], { DATABASE_PATH: join(dir, 'none.db') }, noSave).status).toBe(1);
    expect(readFileSync(noSave, 'utf8')).not.toMatch(/better-sqlite3|^pg$/m);
  });

  it('enroll and ingest follow DATABASE_URL too, and scan --no-save creates nothing there', async () => {
    const url = await testDatabase();
    const sqlite = join(dir, 'never', 'kb.db');
    const env = { DATABASE_URL: url, DATABASE_PATH: sqlite };
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, fixture('client-affected.log'));
    // Nothing set up yet: the scan answers from the log alone and leaves the database as it found it.
    expect(run(['scan', '--no-save', log, '--server', 'wsus-ro'], env).status).toBe(1);
    expect(await tablesOf(url)).toEqual([]);

    const enrolled = run(['enroll', 'wsus-pg', '--json'], env);
    expect(enrolled.stderr).toBe('');
    expect(JSON.parse(enrolled.stdout)).toMatchObject({ server: 'wsus-pg' });
    const report = fileURLToPath(new URL('./fixtures/reports/sp1-affected.json', import.meta.url));
    const ingested = run(['ingest', report, '--json'], env);
    expect(ingested.stderr).toBe('');
    expect(JSON.parse(ingested.stdout)).toMatchObject([{ ok: true }]);
    // Both landed in PostgreSQL: the key is in force there, the report's server is known there; no SQLite file.
    expect(run(['enroll', 'wsus-pg', '--revoke'], env).stdout).toBe('wsus-pg: key revoked; its reports are refused from now on.\n');
    expect(JSON.parse(run(['server', 'wsus01', '--json'], env).stdout)).toMatchObject({ server: 'wsus01', state: 'vulnerable' });
    expect(existsSync(sqlite)).toBe(false);

    // Now set up, it is consulted (the server's facts reach the reply) and still not written to.
    const before = JSON.parse(run(['history', '--json'], env).stdout) as unknown[];
    expect(run(['scan', '--no-save', log, '--server', 'wsus01'], env).status).toBe(1);
    expect(JSON.parse(run(['history', '--json'], env).stdout)).toEqual(before);
  });

  it('db copy moves a SQLite database into an empty PostgreSQL one: the same history, ids continued, verified by counts', async () => {
    const url = await testDatabase();
    const file = join(dir, 'to-copy.db');
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, fixture('client-affected.log'));
    const onFile = { DATABASE_PATH: file };
    expect(run(['scan', log, '--server', 'wsus-a'], onFile).status).toBe(1);
    expect(run(['scan', log, '--server', 'wsus-b.corp.example'], onFile).status).toBe(1);
    expect(run(['server', 'wsus-b', 'dll', '3.1.6001.66'], onFile).status).toBe(0);
    const before = JSON.parse(run(['history', '--json'], onFile).stdout) as { id: number }[];
    expect(before).toHaveLength(2);

    const copy = run(['db', 'copy', '--to', url], onFile);
    expect(copy.stderr).toBe('');
    expect(copy.status).toBe(0);
    expect(copy.stdout).toMatch(/^copied .*to-copy\.db into PostgreSQL, every table verified by its count:$/m);
    expect(copy.stdout).toMatch(/^ {2}diagnoses +2$/m);
    expect(copy.stdout).toMatch(/^ {2}servers +2$/m);
    expect(copy.stdout).not.toContain(url);

    const onPg = { DATABASE_URL: url, DATABASE_PATH: join(dir, 'unused.db') };
    expect(JSON.parse(run(['history', '--json'], onPg).stdout)).toEqual(before);
    expect(JSON.parse(run(['server', 'WSUS-B', '--json'], onPg).stdout)).toEqual(JSON.parse(run(['server', 'WSUS-B', '--json'], onFile).stdout));
    // New diagnoses get ids after the copied ones.
    expect(run(['scan', log, '--server', 'wsus-c'], onPg).status).toBe(1);
    const after = JSON.parse(run(['history', '--json'], onPg).stdout) as { id: number }[];
    expect(after[0]!.id).toBeGreaterThan(Math.max(...before.map((e) => e.id)));
    // Into a database that holds data: refused, nothing changed.
    const again = run(['db', 'copy', '--to', url], onFile);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not empty/);
    expect(JSON.parse(run(['history', '--json'], onPg).stdout)).toHaveLength(3);
  });

  it('a DATABASE_URL that cannot be reached is one line and exit 2, without the URL; a malformed one is refused by name', () => {
    const secret = 's3cret-pw';
    const down = run(['history'], { DATABASE_URL: `postgres://kb:${secret}@127.0.0.1:1/kb` });
    expect(down.status).toBe(2);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toMatch(/cannot open the database \(DATABASE_URL\)/);
    expect(down.stderr + down.stdout).not.toContain(secret);
    const bad = run(['history'], { DATABASE_URL: `mysql://kb:${secret}@db/kb` });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^.*DATABASE_URL: must be a postgres:\/\/user:password@host:5432\/database URL/);
    expect(bad.stderr).not.toContain(secret);
  });
});
