import { describe, expect, test } from 'vitest';
import { decideAlerts, failingThreshold, isSilent, NOTHING_ANNOUNCED, type AlertMemory } from '../src/fleet/alerts.js';
import { clientHealth, type ClientHealth } from '../src/fleet/health.js';
import { parseReport, parseReportText, type Report } from '../src/fleet/report.js';
import { checkReportSignature, reportSignature } from '../src/fleet/signature.js';
import { buildReport, fleetOf } from './support/reports.js';

function parsed(spec: Parameters<typeof buildReport>[0]): Report {
  const r = parseReport(buildReport(spec));
  if (!r.ok) throw new Error(r.error);
  return r.report;
}

describe('report schema', () => {
  const good = () => buildReport({ clients: fleetOf(5, { failing: 1 }), log: 'x', wsus: '3.1.6001.65', event1022: null });

  test('a built report fits; codes are kept as 0x + 8 upper-case hex', () => {
    const r = parseReport(buildReport({ clients: [{ name: 'PC1', errors: [{ code: '-2145107954', count: 1, last: '2026-03-01T00:00:00Z' }] }] }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.report.clients!.items[0]!.errors![0]!.code).toBe('0x8024400E');
    expect(parseReport(good()).ok).toBe(true);
  });

  const refusals: [string, (r: any) => void, string][] = [
    ['another schema', (r) => (r.schema = 'kb954960.report/2'), 'schema: not kb954960.report/1'],
    ['no id', (r) => delete r.id, 'id: missing (string expected)'],
    ['an id that is no UUID', (r) => (r.id = 'abc'), 'id: not a UUID'],
    ['a generated time that is no time', (r) => (r.generated = 'yesterday'), 'generated: not an ISO 8601 time'],
    ['no server', (r) => delete r.server, 'server: missing (object expected)'],
    ['a server name that is no host', (r) => (r.server.name = 'wsus 01!'), 'server.name: not a host name or address'],
    ['event 1022 as a time', (r) => (r.server.event1022 = '2026-02-20T10:00:00Z'), 'server.event1022: not a YYYY-MM-DD date'],
    ['a client sync time that is no time', (r) => (r.clients.items[3].lastSync = '03/01/2026'), 'clients.items[3].lastSync: not an ISO 8601 time'],
    [
      'a client sync result of another word',
      (r) => (r.clients.items[2].lastSyncResult = 'Ok'),
      'clients.items[2].lastSyncResult: not Succeeded, Failed or Unknown',
    ],
    [
      'an error code that is no code',
      (r) => (r.clients.items[0].errors[0].code = 'oops'),
      'clients.items[0].errors[0].code: not a failure code (0x8024400E or a signed decimal HRESULT)',
    ],
    ['an error count as text', (r) => (r.clients.items[0].errors[0].count = '3'), 'clients.items[0].errors[0].count: number expected, string found'],
    ['a total below the listed', (r) => (r.clients.total = 2), 'clients.total: fewer in total than listed'],
    ['log text missing', (r) => delete r.log.text, 'log.text: missing (string expected)'],
  ];
  test.each(refusals)('refused: %s', (_what, spoil, error) => {
    const r = good();
    spoil(r);
    expect(parseReport(r)).toEqual({ ok: false, error });
  });

  test('a body that is no JSON is refused as such', () => {
    expect(parseReportText('{"schema":')).toEqual({ ok: false, error: '(body): not JSON' });
  });
});

describe('report signature', () => {
  const key = 'k3y-for-wsus01';
  const body = Buffer.from('{"a":1}');
  const now = new Date('2026-03-02T06:00:00Z');
  const ts = String(now.getTime() / 1000);
  const sig = reportSignature(key, ts, body);

  test('the signature is v1= and hex HMAC-SHA256 over "v1:" + timestamp + ":" + body', () => {
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(sig).toBe(reportSignature(key, ts, Buffer.from('{"a":1}')));
    expect(sig).not.toBe(reportSignature(key, ts, Buffer.from('{"a":2}')));
  });

  const cases: [string, Partial<Parameters<typeof checkReportSignature>[0]>, string | true][] = [
    ['the right key, now', {}, true],
    ['upper-case hex', { signature: sig.toUpperCase().replace('V1=', 'v1=') }, true],
    ['4 min 59 s late', { now: new Date(now.getTime() + 299_000) }, true],
    ['5 min 1 s late', { now: new Date(now.getTime() + 301_000) }, 'timestamp'],
    ['5 min 1 s early', { now: new Date(now.getTime() - 301_000) }, 'timestamp'],
    ['a timestamp that is no number', { timestamp: '1e9' }, 'timestamp'],
    ['another key', { key: 'another' }, 'signature'],
    ['another body', { body: Buffer.from('{"a":2}') }, 'signature'],
    ['a truncated signature', { signature: sig.slice(0, 40) }, 'signature'],
    ['no signature', { signature: undefined }, 'missing'],
    ['no timestamp', { timestamp: undefined }, 'missing'],
  ];
  test.each(cases)('%s', (_what, change, expected) => {
    const r = checkReportSignature({ key, timestamp: ts, signature: sig, body, now, ...change });
    expect(r).toEqual(expected === true ? { ok: true } : { ok: false, reason: expected });
  });

  test('matches an independent HMAC of the same string', async () => {
    const { createHmac } = await import('node:crypto');
    const independent = createHmac('sha256', Buffer.from(key))
      .update(Buffer.from(`v1:${ts}:{"a":1}`))
      .digest('hex');
    expect(sig).toBe(`v1=${independent}`);
  });
});

describe('client health', () => {
  test('counts clients, failing codes with since and sample, and clients not synced for 3 days', () => {
    const clients = [
      ...fleetOf(10, { failing: 6, code: '0x8024400E', since: '2026-03-01T22:00:00Z' }),
      { name: 'OLD1', lastSync: '2026-02-27T06:00:00Z', lastSyncResult: 'Succeeded' as const }, // exactly 3 days
      { name: 'OLD2', lastSync: '2026-02-27T06:00:01Z', lastSyncResult: 'Succeeded' as const }, // 1 s short
      { name: 'NEVER', lastSync: null },
      // An error followed by a successful sync is over.
      {
        name: 'HEALED',
        lastSync: '2026-03-02T05:00:00Z',
        lastSyncResult: 'Succeeded' as const,
        errors: [{ code: '0x80244022', count: 1, last: '2026-03-02T04:00:00Z' }],
      },
      // The same code twice on one client counts the client once; the earliest latest-failure is the since.
      {
        name: 'EARLY',
        lastSync: '2026-03-02T05:00:00Z',
        lastSyncResult: 'Failed' as const,
        errors: [
          { code: '0x8024400E', count: 2, last: '2026-02-28T10:00:00Z' },
          { code: '0x8024400e', count: 1, last: '2026-03-02T01:00:00Z' },
        ],
      },
    ];
    const h = clientHealth(parsed({ clients, total: 20 }))!;
    expect(h).toEqual({
      at: '2026-03-02T06:00:00.000Z',
      total: 20,
      failing: [{ code: '0x8024400E', clients: 7, since: '2026-02-28T10:00:00.000Z', sample: ['PC0001', 'PC0002', 'PC0003', 'PC0004', 'PC0005'] }],
      notSynced: 2,
      notSyncedSample: ['OLD1', 'NEVER'],
    });
  });

  test('a report without clients has no client health', () => {
    expect(clientHealth(parsed({}))).toBeNull();
  });
});

describe('alert decision', () => {
  const health = (total: number, failing: Record<string, number>): ClientHealth => ({
    at: '2026-03-02T06:00:00.000Z',
    total,
    failing: Object.entries(failing).map(([code, clients]) => ({ code, clients, since: '2026-03-01T00:00:00.000Z', sample: ['PC0001'] })),
    notSynced: 0,
    notSyncedSample: [],
  });
  const mem = (m: Partial<AlertMemory>): AlertMemory => ({ ...NOTHING_ANNOUNCED, ...m });
  const E = '0x8024400E';

  test.each([
    [1, 1],
    [9, 1],
    [10, 1],
    [11, 2],
    [30, 3],
    [50, 5],
    [1000, 5],
    [20_000, 5],
  ])('%i clients: %i failing with one code is worth a post', (total, n) => {
    expect(failingThreshold(total)).toBe(n);
  });

  const table: [string, AlertMemory | null, Parameters<typeof decideAlerts>[1], string[], Partial<AlertMemory>][] = [
    ['first report, all well', null, { affected: false, needsAction: [], health: health(100, {}), silent: false }, [], {}],
    ['first report, affected', null, { affected: true }, ['affected worse'], { affected: true }],
    ['still affected: no second post', mem({ affected: true }), { affected: true }, [], { affected: true }],
    ['fixed', mem({ affected: true }), { affected: false }, ['affected recovered'], { affected: false }],
    ['a problem newly needing action', mem({ needsAction: ['a'] }), { needsAction: ['a', 'b'] }, ['problem b worse'], { needsAction: ['a', 'b'] }],
    ['a problem settled', mem({ needsAction: ['a', 'b'] }), { needsAction: ['b'] }, ['problem a recovered'], { needsAction: ['b'] }],
    ['4 of 1000 failing: not yet', null, { health: health(1000, { [E]: 4 }) }, [], {}],
    ['5 of 1000 failing', null, { health: health(1000, { [E]: 5 }) }, [`clients-failing ${E} worse 5/1000`], { failingCodes: [E] }],
    ['2 of 20 failing (10%)', null, { health: health(20, { [E]: 2 }) }, [`clients-failing ${E} worse 2/20`], { failingCodes: [E] }],
    ['1 of 20 failing', null, { health: health(20, { [E]: 1 }) }, [], {}],
    ['still 9 failing: no second post', mem({ failingCodes: [E] }), { health: health(1000, { [E]: 9 }) }, [], { failingCodes: [E] }],
    ['down to 3 of 1000: not yet recovered (hysteresis)', mem({ failingCodes: [E] }), { health: health(1000, { [E]: 3 }) }, [], { failingCodes: [E] }],
    [
      'down to 2 of 1000: recovered',
      mem({ failingCodes: [E] }),
      { health: health(1000, { [E]: 2 }) },
      [`clients-failing ${E} recovered 2/1000`],
      { failingCodes: [] },
    ],
    [
      'no failing clients: recovered',
      mem({ failingCodes: [E] }),
      { health: health(1000, {}) },
      [`clients-failing ${E} recovered 0/1000`],
      { failingCodes: [] },
    ],
    ['no client list this time: codes kept', mem({ failingCodes: [E] }), { health: null }, [], { failingCodes: [E] }],
    [
      'a second code joins',
      mem({ failingCodes: [E] }),
      { health: health(100, { [E]: 9, '0x80244022': 7 }) },
      ['clients-failing 0x80244022 worse 7/100'],
      { failingCodes: [E, '0x80244022'] },
    ],
    ['goes silent', mem({}), { silent: true }, ['silent worse'], { silent: true }],
    ['still silent (the sweep again)', mem({ silent: true }), { silent: true }, [], { silent: true }],
    ['reports again', mem({ silent: true }), { silent: false, affected: false }, ['silent recovered'], { silent: false }],
    [
      'worse first, then recoveries',
      mem({ affected: true, silent: true }),
      { affected: false, silent: false, needsAction: ['x'] },
      ['problem x worse', 'affected recovered', 'silent recovered'],
      { needsAction: ['x'], affected: false, silent: false },
    ],
  ];
  test.each(table)('%s', (_what, prev, seen, expected, memory) => {
    const d = decideAlerts(prev, seen);
    const said = d.changes.map((c) =>
      c.kind === 'affected' || c.kind === 'silent'
        ? `${c.kind} ${c.turn}`
        : c.kind === 'problem'
          ? `problem ${c.problem} ${c.turn}`
          : `clients-failing ${c.code} ${c.turn} ${c.clients}/${c.total}`,
    );
    expect(said).toEqual(expected);
    expect(d.memory).toEqual({ ...(prev ?? NOTHING_ANNOUNCED), ...memory });
  });

  test('the same observation twice posts once', () => {
    const seen = { affected: true, needsAction: ['p'], health: health(50, { [E]: 6 }), silent: false };
    const first = decideAlerts(null, seen);
    expect(first.changes).toHaveLength(3);
    expect(decideAlerts(first.memory, seen).changes).toEqual([]);
  });

  test.each([
    [null, '2026-03-03T06:00:00Z', false],
    ['2026-03-02T06:00:00Z', '2026-03-03T05:59:59Z', false],
    ['2026-03-02T06:00:00Z', '2026-03-03T06:00:00Z', true],
  ] as const)('last report %s, now %s: silent %s', (last, now, silent) => {
    expect(isSilent(last, new Date(now))).toBe(silent);
  });
});
