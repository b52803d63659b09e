import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Storage } from '../src/store/port.js';
import { reportSignature } from '../src/fleet/signature.js';
import { createLogger } from '../src/log.js';
import { enrollServer, revokeServer } from '../src/reports/keys.js';
import { startIngestListener, type IngestListener } from '../src/reports/listener.js';
import { startTestBot } from './support/bot.js';
import { get } from './support/index.js';
import { buildReport, fleetOf, reportId } from './support/reports.js';
import { openTestStorage } from './support/storage.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NOW = new Date('2026-11-25T12:00:00Z');
const unix = (d: Date) => String(Math.floor(d.getTime() / 1000));
const serverLog = readFileSync(fileURLToPath(new URL('./fixtures/server-affected.log', import.meta.url)), 'utf8');

interface Sent {
  status: number;
  body: Record<string, unknown>;
}

function post(port: number, headers: Record<string, string>, body: Buffer): Promise<Sent> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/ingest/v1/reports', headers: { 'content-length': String(body.length), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      },
    );
    // A refusal may close the connection before the whole body is written (413): the answer still comes.
    req.on('error', reject);
    req.end(body);
  });
}

function signed(key: string, server: string, body: Buffer, opts: { at?: Date; gzip?: boolean } = {}): [Record<string, string>, Buffer] {
  const wire = opts.gzip ? gzipSync(body) : body;
  const ts = unix(opts.at ?? NOW);
  return [
    {
      'x-kb954960-server': server,
      'x-kb954960-timestamp': ts,
      'x-kb954960-signature': reportSignature(key, ts, wire),
      'content-type': 'application/json',
      ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
    },
    wire,
  ];
}

const json = (r: unknown) => Buffer.from(JSON.stringify(r));

describe('POST /ingest/v1/reports over real HTTP', () => {
  let dir: string;
  let storage: Storage;
  let listener: IngestListener;
  let key: string;
  let key2: string;
  /** What a report leaves behind: its diagnosis, the facts it taught, the server's latest report and client health. */
  const recorded = async () => ({
    diagnoses: await storage.history.count(),
    servers: await storage.servers.list(),
    reporting: await storage.fleet.reporting(),
  });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb954960-ingest-'));
    storage = await openTestStorage(dir, { clock: () => NOW });
    ({ key } = await enrollServer(storage, 'WSUS01', NOW));
    ({ key: key2 } = await enrollServer(storage, 'wsus02', NOW));
    listener = await startIngestListener({
      host: '127.0.0.1',
      port: 0,
      store: storage,
      clock: () => NOW,
      lang: 'en',
      logger: createLogger(process.env.DEBUG_INGEST ? 'error' : 'silent'),
    });
  });
  afterAll(async () => {
    await listener.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const sp1Report = buildReport({
    id: reportId(100),
    generated: '2026-11-25T11:58:00Z',
    server: 'WSUS01',
    wsus: '3.1.6001.65',
    dll: '3.1.6001.65',
    event1022: null,
    log: serverLog,
    clients: fleetOf(40, { failing: 12, code: '0x8024400E', synced: '2026-11-25T10:00:00Z', since: '2026-11-24T22:00:00Z' }),
  });

  test('a valid report: 202, the server facts, the log diagnosed for that server, the client health', async () => {
    const res = await post(listener.port, ...signed(key, 'WSUS01', json(sp1Report)));
    expect(res).toEqual({ status: 202, body: { ok: true } });
    const facts = await storage.servers.facts('wsus01');
    expect(facts).toMatchObject({ dllVersion: '3.1.6001.65', wsusVersion: '3.1.6001.65' });
    const [h] = await storage.history.list({ server: 'wsus01' });
    expect(h).toMatchObject({ origin: 'report', server: 'wsus01', verdict: 'affected', serverState: 'vulnerable' });
    const fleet = await storage.fleet.reporting();
    expect(fleet.find((s) => s.server === 'wsus01')).toMatchObject({
      lastReportAt: NOW.toISOString(),
      health: { total: 40, notSynced: 0, failing: [{ code: '0x8024400E', clients: 12, since: '2026-11-24T22:00:00.000Z' }] },
    });
  });

  test('the same report again (a retry, newly signed): 200 duplicate, nothing recorded twice', async () => {
    const before = await recorded();
    const res = await post(listener.port, ...signed(key, 'WSUS01', json(sp1Report), { at: new Date(NOW.getTime() + 60_000) }));
    expect(res).toEqual({ status: 200, body: { ok: true, duplicate: true } });
    expect(await recorded()).toEqual(before);
  });

  const refusals: [string, () => [Record<string, string>, Buffer], number, string][] = [
    [
      'forged (another key)',
      () => signed('not-the-key', 'WSUS01', json({ ...sp1Report, id: reportId(101) })),
      401,
      'X-KB954960-Signature: does not match (wrong key, or the body changed on the way)',
    ],
    [
      'the body changed after signing',
      () => {
        const [h] = signed(key, 'WSUS01', json({ ...sp1Report, id: reportId(102) }));
        return [h, json({ ...sp1Report, id: reportId(102), server: { name: 'WSUS01', dll: '3.1.6001.66' } })];
      },
      401,
      'X-KB954960-Signature: does not match (wrong key, or the body changed on the way)',
    ],
    [
      'stale (signed 6 minutes ago)',
      () => signed(key, 'WSUS01', json({ ...sp1Report, id: reportId(103) }), { at: new Date(NOW.getTime() - 360_000) }),
      401,
      "X-KB954960-Timestamp: more than 5 minutes from the bot's clock (check the server's time)",
    ],
    [
      'an unknown server',
      () => signed(key, 'WSUS09', json({ ...sp1Report, id: reportId(104), server: { name: 'WSUS09' } })),
      401,
      'wsus09: not enrolled, or its key was revoked (kb954960 enroll wsus09)',
    ],
    [
      'for another server (WSUS01 key, body says wsus02)',
      () => signed(key, 'WSUS01', json({ ...sp1Report, id: reportId(105), server: { name: 'wsus02', dll: '3.1.6001.66' } })),
      401,
      'server.name: wsus02 is not wsus01, the server this key reports for',
    ],
    [
      'wsus02 key naming WSUS01 in the header',
      () => signed(key2, 'WSUS01', json({ ...sp1Report, id: reportId(106) })),
      401,
      'X-KB954960-Signature: does not match (wrong key, or the body changed on the way)',
    ],
    [
      'malformed (a client sync time)',
      () => {
        const r = structuredClone(sp1Report) as any;
        r.id = reportId(107);
        r.clients.items[3].lastSync = 'yesterday';
        return signed(key, 'WSUS01', json(r));
      },
      400,
      'clients.items[3].lastSync: not an ISO 8601 time',
    ],
    ['not JSON', () => signed(key, 'WSUS01', Buffer.from('{"schema": "kb954960.report/1",')), 400, '(body): not JSON'],
    ['oversized on the wire (9 MiB)', () => signed(key, 'WSUS01', Buffer.alloc(9 * 1024 * 1024, 0x20)), 413, '(body): over 8388608 bytes'],
    [
      'a gzip bomb (small on the wire, 80 MiB expanded)',
      () => signed(key, 'WSUS01', Buffer.alloc(80 * 1024 * 1024, 0x20), { gzip: true }),
      413,
      '(body): over 67108864 bytes once expanded',
    ],
  ];
  test.each(refusals)('refused, nothing recorded: %s', async (_what, make, status, error) => {
    const before = await recorded();
    const res = await post(listener.port, ...make());
    expect(res).toEqual({ status, body: { ok: false, error } });
    expect(await recorded()).toEqual(before);
  });

  test('gzip on the wire, signed as sent: accepted', async () => {
    const r = buildReport({
      id: reportId(110),
      generated: '2026-11-25T11:59:00Z',
      server: 'wsus02',
      dll: '3.1.6001.66',
      wsus: '3.1.6001.65',
      clients: fleetOf(5),
    });
    const res = await post(listener.port, ...signed(key2, 'wsus02', json(r), { gzip: true }));
    expect(res).toEqual({ status: 202, body: { ok: true } });
    expect((await storage.servers.facts('wsus02'))?.dllVersion).toBe('3.1.6001.66');
  });

  test('a revoked key is refused; a new enrolment replaces the old key', async () => {
    await revokeServer(storage, 'wsus02', NOW);
    const r = json(buildReport({ id: reportId(111), server: 'wsus02' }));
    expect((await post(listener.port, ...signed(key2, 'wsus02', r))).status).toBe(401);
    const { key: fresh } = await enrollServer(storage, 'wsus02', NOW);
    expect(fresh).not.toBe(key2);
    expect((await post(listener.port, ...signed(key2, 'wsus02', r))).status).toBe(401);
    expect((await post(listener.port, ...signed(fresh, 'wsus02', r))).status).toBe(202);
  });

  test('a log line naming another server does not record facts for it', async () => {
    const r = buildReport({ id: reportId(120), server: 'WSUS01', log: 'KB954960-CHECK computer=WSUS07 dll=3.1.6001.66\n' });
    expect((await post(listener.port, ...signed(key, 'WSUS01', json(r)))).status).toBe(202);
    expect(await storage.servers.facts('wsus07')).toBeNull();
  });
});

describe('the bot opens the listener with INGEST_PORT, in both modes, apart from Slack', () => {
  test.each([false, true])('Socket Mode %s', async (socketMode) => {
    const bot = await startTestBot({ socketMode, clock: () => NOW, env: { INGEST_PORT: '0', INGEST_HOST: '127.0.0.1' } });
    try {
      expect(bot.ingestPort).toBeGreaterThan(0);
      if (!socketMode) expect(bot.ingestPort).not.toBe(bot.port);
      const { key } = await enrollServer(bot.storage, 'WSUS01', NOW);
      const r = buildReport({ id: reportId(200), server: 'WSUS01', wsus: '3.2.7600.226' });
      const res = await post(bot.ingestPort!, ...signed(key, 'WSUS01', json(r)));
      expect(res).toEqual({ status: 202, body: { ok: true } });
      // The key is never logged.
      expect(bot.rawLogs.join('\n')).not.toContain(key);
    } finally {
      await bot.close();
    }
  });

  test.each([false, true])("Socket Mode %s: /metrics, /healthz and /readyz answered on the listener's port too, the same as on PORT", async (socketMode) => {
    const bot = await startTestBot({ socketMode, clock: () => NOW, env: { INGEST_PORT: '0', INGEST_HOST: '127.0.0.1' } });
    try {
      const ingest = `http://127.0.0.1:${bot.ingestPort}`;
      const { key } = await enrollServer(bot.storage, 'WSUS01', NOW);
      expect((await post(bot.ingestPort!, ...signed(key, 'WSUS01', json(buildReport({ id: reportId(210), server: 'WSUS01' }))))).status).toBe(202);
      const metrics = await get(`${ingest}/metrics`);
      expect(metrics.status).toBe(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(metrics.body).toMatch(/^kb954960_fleet_reports_total\{result="accepted"\} 1$/m);
      // One registry behind both ports: the same counts on Slack's.
      expect((await get(`${bot.url}/metrics`)).body).toMatch(/^kb954960_fleet_reports_total\{result="accepted"\} 1$/m);
      const healthz = await get(`${ingest}/healthz`);
      expect([healthz.status, JSON.parse(healthz.body)]).toEqual([200, { ok: true }]);
      const readyz = await get(`${ingest}/readyz`);
      expect(readyz.status).toBe(200);
      expect(JSON.parse(readyz.body)).toMatchObject({ ok: true, database: true, queue: { ok: true } });
      // Reports still go only to their path, by POST.
      expect((await get(`${ingest}/ingest/v1/reports`)).status).toBe(405);
      expect((await get(`${ingest}/nothing`)).status).toBe(404);
    } finally {
      await bot.close();
    }
  });

  test('off by default', async () => {
    const bot = await startTestBot({});
    try {
      expect(bot.ingestPort).toBeUndefined();
    } finally {
      await bot.close();
    }
  });
});
