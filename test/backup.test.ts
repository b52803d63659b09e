// `kb954960 db backup FILE` while another process writes, and `kb954960 db restore FILE`: the real CLI (dist/, so
// `npm run build` first) on real SQLite files.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { knownSchemaVersion, Store } from '../db/sqlite/store.js';
import { childEnv, testClock } from './support/clock.js';
import { waitUntil } from './support/wait.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'dist/src/cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'kb954960-backup-'));
const children = new Set<ChildProcess>();

afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: scratch, env: childEnv({ DATABASE_PATH: join(scratch, 'unused.db') }), encoding: 'utf8' });
}

/** The CLI without blocking this process (spawnSync would stop it reading the writer's progress meanwhile). */
function cliAsync(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: scratch, env: childEnv({ DATABASE_PATH: join(scratch, 'unused.db') }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stdout, stderr })));
}

/** A kb954960 database of today's schema with `n` diagnoses (each with a finding). */
function database(name: string, n = 0): string {
  const path = join(scratch, name);
  const store = Store.open(path, { clock: testClock() });
  const diagnosis = store.db.prepare(
    "INSERT INTO diagnoses (created_at, origin, verdict, server_state, lang, lines) VALUES ('2026-11-25T00:00:00Z', 'cli', 'affected', 'unknown', 'en', 1)",
  );
  const finding = store.db.prepare("INSERT INTO findings (diagnosis_id, rule, line, text) VALUES (?, 'sync-failure', 1, 'x')");
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) finding.run(diagnosis.run().lastInsertRowid);
  })();
  store.close();
  return path;
}

const count = (path: string, table: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

/**
 * A second process writing diagnoses (and their findings) as fast as it can, a transaction of 20 at a time, as the
 * bot would under a burst; it prints how many it has written when stopped.
 */
function writer(path: string): { child: ChildProcess; written: () => number; stop: () => Promise<number> } {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 5000');
    const d = db.prepare("INSERT INTO diagnoses (created_at, origin, verdict, server_state, lang, lines) VALUES ('2026-11-26T00:00:00Z', 'message', 'affected', 'unknown', 'en', 2)");
    const f = db.prepare("INSERT INTO findings (diagnosis_id, rule, line, text) VALUES (?, 'sync-failure', 2, 'y')");
    const batch = db.transaction(() => { for (let i = 0; i < 20; i++) f.run(d.run().lastInsertRowid); });
    let n = 0, stop = false;
    process.on('SIGTERM', () => (stop = true));
    (function loop() {
      if (stop) { process.stdout.write('done ' + n + '\\n'); db.close(); return; }
      batch(); n += 20; process.stdout.write('n ' + n + '\\n');
      setImmediate(loop);
    })();`;
  const child = spawn(process.execPath, ['-e', script, path], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  children.add(child);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  return {
    child,
    written: () => Number([...out.matchAll(/(?:n|done) (\d+)/g)].at(-1)?.[1] ?? 0),
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      children.delete(child);
      return Number(/done (\d+)/.exec(out)![1]);
    },
  };
}

describe('kb954960 db backup, while another process writes', () => {
  it('is the database as of one moment, and restores with nothing lost', async () => {
    const path = database('live.db', 20_000);
    const w = writer(path);
    await waitUntil('the writer to start', () => w.written() >= 200, 10_000);
    const before = w.written();
    const backup = join(scratch, 'live-backup.db');
    const r = await cliAsync('db', 'backup', backup, '--db', path);
    const during = w.written() - before;
    const total = 20_000 + (await w.stop());

    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^backed up .*live\\.db to .*live-backup\\.db \\(schema version ${knownSchemaVersion()}, (\\d+) diagnoses, \\d+ bytes\\) in \\d+\\.\\d s\\n$`),
    );
    expect(during).toBeGreaterThan(0); // the writer went on while the backup ran
    expect(existsSync(`${backup}.partial`)).toBe(false);

    // One moment: every diagnosis written before it, with its findings, and none half-written.
    const inBackup = count(backup, 'diagnoses');
    expect(Number(/(\d+) diagnoses/.exec(r.stdout)![1])).toBe(inBackup);
    expect(inBackup).toBeGreaterThanOrEqual(20_000 + before);
    expect(inBackup).toBeLessThanOrEqual(total);
    expect(count(backup, 'findings')).toBe(inBackup);
    expect(count(path, 'diagnoses')).toBe(total); // the source lost nothing either

    // Restored over the live database (the writer stopped, as the bot would be): the backup's rows exactly.
    const restored = cli('db', 'restore', backup, '--db', path);
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toMatch(
      new RegExp(`^restored .*live-backup\\.db to .*live\\.db \\(schema version ${knownSchemaVersion()}, ${inBackup} diagnoses, \\d+ bytes\\)`),
    );
    expect(count(path, 'diagnoses')).toBe(inBackup);
    expect(count(path, 'findings')).toBe(inBackup);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
  });

  it('never overwrites a file', () => {
    const path = database('one.db', 1);
    const existing = join(scratch, 'taken.db');
    writeFileSync(existing, 'keep me');
    const r = cli('db', 'backup', existing, '--db', path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kb954960: .*taken\.db exists; name a new file \(a backup never overwrites one\)\n$/);
  });
});

describe('kb954960 db restore refuses, with one line and exit 2', () => {
  const target = () => database(`target-${Math.random().toString(36).slice(2)}.db`, 3);

  it('a file that is not a database', () => {
    const file = join(scratch, 'notes.txt');
    writeFileSync(file, 'not a database at all, just text that is long enough to be read as a header\n'.repeat(20));
    const path = target();
    const r = cli('db', 'restore', file, '--db', path);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kb954960: .*notes\.txt: not a kb954960 database \(not an SQLite file\)\n$/);
    expect(count(path, 'diagnoses')).toBe(3);
  });

  it('an SQLite file of another program', () => {
    const file = join(scratch, 'other.db');
    const db = new Database(file);
    db.exec('CREATE TABLE t (x)');
    db.close();
    const r = cli('db', 'restore', file, '--db', target());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kb954960: .*other\.db: not a kb954960 database \(no schema_migrations table\)\n$/);
  });

  it('a backup from a newer version', () => {
    const file = database('newer.db', 1);
    const db = new Database(file);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future.sql', '2027-01-01T00:00:00Z')").run(knownSchemaVersion() + 1);
    db.close();
    const r = cli('db', 'restore', file, '--db', target());
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kb954960: .*newer\.db: the database is from a newer kb954960 \(schema version \d+; this one knows up to \d+\): .*\n$/);
  });

  it('while the database is in use', async () => {
    const path = target();
    const backup = join(scratch, 'in-use-backup.db');
    expect(cli('db', 'backup', backup, '--db', path).status).toBe(0);
    const w = writer(path);
    await waitUntil('the writer to start', () => w.written() >= 20, 10_000);
    const r = cli('db', 'restore', backup, '--db', path);
    await w.stop();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^kb954960: .* is in use \(is the bot running\?\); stop it, then restore\n$/);
  });
});
