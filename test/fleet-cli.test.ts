import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { childEnv } from './support/clock.js';
import { databaseEnvFor } from './support/storage.js';

const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
const FIXTURE = fileURLToPath(new URL('./fixtures/reports/sp1-affected.json', import.meta.url));

let dir: string;
/** Where the CLI keeps its data: a SQLite file under dir, or the PostgreSQL database that stands for it. */
let database: Record<string, string>;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first (npm test does it)`);
  dir = mkdtempSync(join(tmpdir(), 'kb954960-fleet-cli-'));
  database = await databaseEnvFor(dir, 'kb.db');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { env: childEnv(database), encoding: 'utf8', timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('kb954960 enroll', () => {
  test('--json prints the server and a new key; a second enrolment replaces it; --revoke ends it', () => {
    const first = run(['enroll', 'WSUS11', '--json']);
    expect(first.code).toBe(0);
    const a = JSON.parse(first.stdout) as { server: string; key: string };
    expect(a.server).toBe('wsus11');
    expect(a.key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const b = JSON.parse(run(['enroll', 'wsus11', '--json']).stdout) as { key: string };
    expect(b.key).not.toBe(a.key);
    expect(run(['enroll', 'wsus11', '--revoke', '--json'])).toMatchObject({ code: 0, stdout: '{"server":"wsus11","revoked":true}\n' });
    expect(run(['enroll', 'wsus11', '--revoke'])).toMatchObject({ code: 1, stdout: 'wsus11: no key in force; nothing to revoke.\n' });
  });

  test('the text form shows the key once, with the install line', () => {
    const r = run(['enroll', 'wsus03']);
    expect(r.code).toBe(0);
    const key = /^[A-Za-z0-9_-]{43}$/m.exec(r.stdout)![0];
    expect(r.stdout.split(key).length - 1).toBe(2); // the key line and the install line
    expect(r.stdout).toContain('Send-KB954960Report.ps1 -Install');
  });

  test('a name that is no host is refused', () => {
    expect(run(['enroll', 'not a host!'])).toMatchObject({ code: 2, stderr: "kb954960: 'not a host!' is not a host name or address\n" });
  });

  test('a SQLite file keeps the key readable by its owner only (the protection the key has)', () => {
    // --db names a SQLite file whichever engine the environment picks.
    const file = join(dir, 'keys.db');
    expect(run(['enroll', 'wsus04', '--db', file]).code).toBe(0);
    expect(statSync(file).mode & 0o077).toBe(0);
  });
});

describe('kb954960 ingest', () => {
  test('records a script output file: the server facts, the diagnosis, the clients; a second time says so', () => {
    const r = run(['ingest', FIXTURE]);
    expect(r).toMatchObject({ code: 0, stdout: `${FIXTURE}: recorded for wsus01, 40 clients (server state: vulnerable)\n` });
    const server = JSON.parse(run(['server', 'wsus01', '--json']).stdout);
    expect(server).toMatchObject({
      server: 'wsus01',
      state: 'vulnerable',
      reporting: {
        server: 'wsus01',
        silent: false,
        revoked: false,
        clients: { total: 40, notSynced: 0, failing: [{ code: '0x8024400E', clients: 12, since: '2026-03-01T22:00:00.000Z' }] },
      },
    });
    expect(run(['server', 'wsus01']).stdout).toContain(
      "  Clients (from the server's own reports):\n    40 clients, as of 2026-03-02T15:00+09:00.\n    12 failing with 0x8024400E since 2026-03-02T07:00+09:00.\n",
    );
    const status = JSON.parse(run(['status', '--json']).stdout);
    expect(status.reporting.find((r: { server: string }) => r.server === 'wsus01')).toMatchObject({ silent: false, clients: { total: 40 } });
    // Enrolled, never reported: listed, not silent (silence needs a first report).
    expect(status.reporting.find((r: { server: string }) => r.server === 'wsus03')).toEqual({
      server: 'wsus03',
      lastReportAt: null,
      silent: false,
      revoked: false,
      clients: null,
    });
    const again = run(['ingest', FIXTURE, '--json']);
    expect(JSON.parse(again.stdout)).toEqual([
      { file: FIXTURE, ok: true, duplicate: true, line: `${FIXTURE}: already recorded (report 00000000-0000-4000-8000-000000000001)` },
    ]);
  });

  test('a day later the server view says it went silent', () => {
    const r = spawnSync(process.execPath, [BIN, 'server', 'wsus01'], {
      env: childEnv({ ...database, KB954960_NOW: '2026-11-26T12:00:01Z' }),
      encoding: 'utf8',
    });
    expect(r.stdout).toContain("  Clients (from the server's own reports):\n    No report for 24 h or more: the last came 2026-11-25T21:00+09:00.\n");
  });

  test('a day later the status lists it as silent, and its failing clients', () => {
    const r = spawnSync(process.execPath, [BIN, 'status'], { env: childEnv({ ...database, KB954960_NOW: '2026-11-26T12:00:01Z' }), encoding: 'utf8' });
    expect(r.stdout).toContain('Reporting servers silent for 24 h or more: 1\n  wsus01 — last report 2026-11-25T21:00+09:00\n');
    expect(r.stdout).toContain('Reporting servers with many clients failing: 1\n  wsus01 — 12 of 40 clients fail with 0x8024400E\n');
    const before = spawnSync(process.execPath, [BIN, 'status'], {
      env: childEnv({ ...database, KB954960_NOW: '2026-11-26T11:59:00Z' }),
      encoding: 'utf8',
    });
    expect(before.stdout).not.toContain('silent for 24 h');
  });

  test('a file that is not a report is refused with the field, exit 2', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ schema: 'kb954960.report/1', id: '00000000-0000-4000-8000-00000000abcd', generated: 'soon', server: { name: 'x' } }));
    expect(run(['ingest', bad])).toMatchObject({ code: 2, stdout: `${bad}: refused: generated: not an ISO 8601 time\n` });
  });
});

describe('kb954960 ingest refuses what no way in may record', () => {
  test("a revoked server's report file, and standard input (reports are files)", async () => {
    const own = await databaseEnvFor(join(dir, 'revoked'));
    const runOn = (args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: childEnv(own), encoding: 'utf8', timeout: 20_000 });
    expect(runOn(['enroll', 'wsus01']).status).toBe(0);
    expect(runOn(['enroll', 'wsus01', '--revoke']).status).toBe(0);
    const refused = runOn(['ingest', FIXTURE]);
    expect(refused.status).toBe(2);
    expect(refused.stdout).toBe(`${FIXTURE}: refused: server.name: wsus01's reporting key was revoked; enroll it again to record its reports\n`);
    expect(JSON.parse(runOn(['history', '--json']).stdout)).toEqual([]);
    const stdin = runOn(['ingest', '-']);
    expect(stdin.status).toBe(2);
    expect(stdin.stdout).toContain('-: refused: reports are files the script wrote (-OutFile), not standard input');
  });
});
