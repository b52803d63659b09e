import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerFacts } from '../src/diagnose/server-state.js';
import type { types } from '@slack/bolt';
import { renderStatusBlocks } from '../src/render/status-blocks.js';
import { statusJson } from '../src/render/status-json.js';
import { renderStatusText } from '../src/render/status-text.js';
import { newDetectionsHeading } from '../src/render/status-words.js';
import { buildFleetStatus, FLEET_BUCKETS, type DetectionEntry } from '../src/fleet/status.js';
import { linkedStatusMessage, loadFleetStatus } from '../src/status/query.js';
import { diagnosis, recordAffected } from './support/status-fixtures.js';
import { sqlOnTestDatabase, tempStorage } from './support/storage.js';

const NOW = new Date('2024-06-02T00:00:00Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

const FLEET: ServerFacts[] = [
  { name: 'wsus-tokyo01', dllVersion: '3.1.6001.65', dllVersionAt: day(30), lastAffectedAt: day(0.2) },
  { name: 'wsus-osaka', wsusVersion: '3.0.6000.273', wsusVersionAt: day(30), lastAffectedAt: day(12) },
  { name: 'wsus-nagoya', wsusVersion: '3.0.6000.273', wsusVersionAt: day(30) },
  { name: 'wsus-sapporo', dllVersion: '3.1.6001.65', dllVersionAt: day(30) },
  { name: 'wsus-fukuoka', dllVersion: '3.1.6001.66', dllVersionAt: day(30) },
  // fixed, and the signature predates the fix: not affected
  { name: 'wsus-sendai', dllVersion: '3.1.6001.66', dllVersionAt: day(3), lastAffectedAt: day(5) },
  // fixed, and the signature came back after the fix: affected again
  { name: 'wsus-kobe', fixEventAt: day(20), lastAffectedAt: day(1) },
  { name: 'wsus-nara' },
];

const DETECTIONS: DetectionEntry[] = [
  {
    id: 9,
    createdAt: day(0.2),
    server: 'wsus-tokyo01',
    channelId: 'C0WSUS',
    origin: 'message',
    messageTs: '1717272000.000100',
    replyTs: '1717272001.000200',
    count: 1,
  },
  { id: 8, createdAt: day(0.9), server: null, channelId: null, origin: 'cli', messageTs: null, replyTs: null, count: 1 },
];

/** Slack's limits for a message: 50 blocks; section text 3,000; ≤ 10 fields of ≤ 2,000; header 150; button 75; context ≤ 10 elements. */
function expectWithinSlackLimits(message: { text: string; blocks: types.KnownBlock[] }): void {
  expect(message.blocks.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(50);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(3000);
  for (const b of message.blocks) {
    const text = ('text' in b ? (b.text as { text?: string } | undefined) : undefined)?.text;
    if (b.type === 'header') expect(text!.length).toBeLessThanOrEqual(150);
    if (b.type === 'section') {
      if (text !== undefined) {
        expect(text.length).toBeLessThanOrEqual(3000);
        expect(text.endsWith('…')).toBe(false); // never cut mid-block
      }
      const fields = (b.fields as { text: string }[] | undefined) ?? [];
      expect(fields.length).toBeLessThanOrEqual(10);
      for (const f of fields) expect(f.text.length).toBeLessThanOrEqual(2000);
    }
    if (b.type === 'context') {
      const els = b.elements as { text: string }[];
      expect(els.length).toBeLessThanOrEqual(10);
      for (const e of els) expect(e.text.length).toBeLessThanOrEqual(3000);
    }
    if (b.type === 'actions') for (const e of b.elements as { text: { text: string } }[]) expect(e.text.text.length).toBeLessThanOrEqual(75);
  }
  expect(JSON.stringify(message.blocks).length).toBeLessThan(50_000);
}

describe('buildFleetStatus', () => {
  const status = buildFleetStatus({ servers: FLEET, newDetections: { entries: DETECTIONS, total: 2, groups: 2 }, now: NOW });

  it('puts every server in exactly one bucket, affected first', async () => {
    expect(status.total).toBe(FLEET.length);
    expect(FLEET_BUCKETS.reduce((n, b) => n + status.counts[b], 0)).toBe(FLEET.length);
    const names = (b: (typeof FLEET_BUCKETS)[number]) => status.servers[b].map((s) => s.name);
    expect(names('affected')).toEqual(['wsus-osaka', 'wsus-kobe', 'wsus-tokyo01']); // longest affected first
    expect(names('needs-sp1')).toEqual(['wsus-nagoya']);
    expect(names('vulnerable')).toEqual(['wsus-sapporo']);
    expect(names('fixed')).toEqual(['wsus-fukuoka', 'wsus-sendai']);
    expect(names('unknown')).toEqual(['wsus-nara']);
    expect(status.servers.affected.find((s) => s.name === 'wsus-kobe')!.state).toBe('fixed'); // fixed, yet failing again
  });

  it('affected for more than 7 days, using when the episode began', async () => {
    expect(status.longAffected.servers.map((s) => [s.name, s.affectedDays])).toEqual([['wsus-osaka', 12]]);
    // tokyo01's last signature is recent, but it has been failing for 10 days
    const longer = buildFleetStatus({
      servers: FLEET,
      newDetections: { entries: [], total: 0, groups: 0 },
      now: NOW,
      affectedSince: new Map([['wsus-tokyo01', day(10)]]),
    });
    expect(longer.longAffected.servers.map((s) => s.name)).toEqual(['wsus-osaka', 'wsus-tokyo01']);
  });

  it('the one next action, most urgent first', async () => {
    expect(status.nextAction).toMatchObject({ kind: 'fix-affected', count: 3, rtmAmongThem: 1 });
    const without = (names: string[]) => FLEET.filter((f) => !names.includes(f.name));
    const next = (servers: ServerFacts[]) => buildFleetStatus({ servers, newDetections: { entries: [], total: 0, groups: 0 }, now: NOW }).nextAction.kind;
    expect(next(without(['wsus-tokyo01', 'wsus-osaka', 'wsus-kobe']))).toBe('sp1-then-fix');
    expect(next(without(['wsus-tokyo01', 'wsus-osaka', 'wsus-kobe', 'wsus-nagoya']))).toBe('install-fix');
    expect(next(without(['wsus-tokyo01', 'wsus-osaka', 'wsus-kobe', 'wsus-nagoya', 'wsus-sapporo']))).toBe('check-versions');
    expect(next([FLEET[4]!])).toBe('none');
    expect(next([])).toBe('no-servers');
  });

  it('renders text in English and Japanese with the download link', async () => {
    const en = renderStatusText(status, 'en', { timeZone: 'Asia/Tokyo' });
    expect(en).toContain('KB954960 fleet status — 2024-06-02 09:00 (Asia/Tokyo)');
    expect(en).toContain('Next action: Fix the 3 affected servers');
    expect(en).toContain('New detections in the last 24 h: 2');
    expect(en).toContain('Affected for more than 7 days: 1');
    expect(en).toContain('displaylang=en&FamilyID=6aa8a49d-170c-4077-8b9b-61f7bf5a1281');
    const ja = renderStatusText(status, 'ja', { timeZone: 'Asia/Tokyo' });
    expect(ja).toContain('次の対応: 該当している 3 台');
    expect(ja).toContain('7 日以上該当したまま: 1');
    // 件 after the count whether or not "on N servers" follows (it reads "…: 10 件、サーバー 4 台" when it does).
    expect(ja.split('\n')).toContain('過去 24 時間の新しい検出: 2 件');
    expect(ja).toContain('displaylang=ja');
  });

  it('renders blocks with thread links, counts and buttons; the text fallback is short', async () => {
    const withLinks = buildFleetStatus({
      servers: FLEET,
      newDetections: { entries: DETECTIONS, total: 2, groups: 2 },
      now: NOW,
      permalinks: new Map([[9, 'https://acme.slack.com/archives/C0WSUS/p1717272000000100']]),
    });
    const msg = renderStatusBlocks(withLinks, 'en', { timeZone: 'Asia/Tokyo' });
    expectWithinSlackLimits(msg);
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain('<https://acme.slack.com/archives/C0WSUS/p1717272000000100|thread>');
    expect(json).toContain('kb954960_download');
    expect(msg.blocks[0]).toMatchObject({ type: 'header' });
    expect(msg.text.split('\n').length).toBeLessThanOrEqual(8);
    expect(msg.text).toContain('New detections in the last 24 h: 2 (wsus-tokyo01)');
  });

  it('a detection of a server fixed since says so, so that the list does not read as work still to do', async () => {
    // wsus-sendai is in the fixed bucket; wsus-tokyo01 is affected.
    const entries: DetectionEntry[] = [
      DETECTIONS[0]!,
      { id: 7, createdAt: day(0.5), server: 'wsus-sendai', channelId: 'C0WSUS', origin: 'message', messageTs: '1717250000.000100', replyTs: null, count: 3 },
    ];
    const s = buildFleetStatus({ servers: FLEET, newDetections: { entries, total: 4, groups: 2 }, now: NOW });
    expect(s.servers.fixed.map((f) => f.name)).toContain('wsus-sendai');
    expect(s.newDetections.entries.map((e) => [e.server, e.fixedSince])).toEqual([
      ['wsus-tokyo01', false],
      ['wsus-sendai', true],
    ]);
    for (const [lang, note] of [
      ['en', 'fixed since'],
      ['ja', 'その後適用済み'],
    ] as const) {
      const blockLines = JSON.stringify(renderStatusBlocks(s, lang, { timeZone: 'Asia/Tokyo' }).blocks).split('\\n');
      expect(blockLines.find((l) => l.includes('wsus-sendai*'))).toContain(` — ${note}`);
      expect(blockLines.find((l) => l.includes('wsus-tokyo01*'))).not.toContain(note);
      const textLines = renderStatusText(s, lang, { timeZone: 'Asia/Tokyo' }).split('\n');
      expect(textLines.find((l) => l.startsWith('  wsus-sendai — '))).toMatch(new RegExp(` — ${note}$`));
      expect(textLines.find((l) => l.startsWith('  wsus-tokyo01 — '))).not.toContain(note);
    }
    expect(statusJson(s, 'en').newDetections.entries.map((e) => e.fixedSince)).toEqual([false, true]);
  });

  it('a quiet day says so in one line', async () => {
    const quiet = buildFleetStatus({ servers: [FLEET[4]!, FLEET[5]!], newDetections: { entries: [], total: 0, groups: 0 }, now: NOW });
    expect(quiet.quiet).toBe(true);
    const text = renderStatusText(quiet, 'en');
    expect(text.split('\n')).toHaveLength(1);
    expect(text).toBe('KB954960 — quiet day: no new detections in the last 24 h, no server affected. 2 servers: 2 fixed.');
    const msg = renderStatusBlocks(quiet, 'ja');
    expect(msg.blocks).toHaveLength(1);
    expect(msg.text.split('\n')).toHaveLength(1);
    expect(msg.text).toContain('新しい検出なし');
    // quiet, but there is still something to do: the line says it, with the download link
    const todo = renderStatusBlocks(buildFleetStatus({ servers: [FLEET[3]!], newDetections: { entries: [], total: 0, groups: 0 }, now: NOW }), 'en');
    expect(todo.blocks).toHaveLength(1);
    expect(JSON.stringify(todo.blocks)).toContain('Install KB954960 on the 1 SP1 server');
    expect(JSON.stringify(todo.blocks)).toContain('|Download KB954960>');
  });

  it('escapes mrkdwn in server names', async () => {
    const s = buildFleetStatus({
      servers: [{ name: 'evil<!channel>&', lastAffectedAt: day(1) }],
      newDetections: { entries: [], total: 0, groups: 0 },
      now: NOW,
    });
    const json = JSON.stringify(renderStatusBlocks(s, 'en').blocks);
    expect(json).not.toContain('<!channel>');
    expect(json).toContain('evil&lt;!channel&gt;&amp;');
  });

  it('JSON: counts, servers per state, new detections, next action', async () => {
    const j = statusJson(status, 'en');
    expect(j.counts).toEqual({ affected: 3, 'needs-sp1': 1, vulnerable: 1, conflict: 0, unknown: 1, 'not-applicable': 0, fixed: 2 });
    expect(j.servers.fixed).toEqual(['wsus-fukuoka', 'wsus-sendai']);
    expect(j.newDetections.total).toBe(2);
    expect(j.newDetections.entries[0]).toMatchObject({ server: 'wsus-tokyo01', channelId: 'C0WSUS', threadTs: '1717272000.000100', origin: 'message' });
    expect(j.nextAction.kind).toBe('fix-affected');
    expect(j.links.download).toContain('FamilyID=6aa8a49d');
  });
});

describe('large fleets', () => {
  function bigFleet(n: number, nameLength = 12): ServerFacts[] {
    const kinds: Omit<ServerFacts, 'name'>[] = [
      { dllVersion: '3.1.6001.65', dllVersionAt: day(40), lastAffectedAt: day(9) },
      { wsusVersion: '3.0.6000.273', wsusVersionAt: day(40) },
      { dllVersion: '3.1.6001.65', dllVersionAt: day(40) },
      { dllVersion: '3.1.6001.66', dllVersionAt: day(40) },
      {},
    ];
    return Array.from({ length: n }, (_, i) => ({ name: `wsus${String(i).padStart(4, '0')}-${'x'.repeat(nameLength)}`, ...kinds[i % kinds.length] }));
  }

  it('500 servers and 200 detections on 60 of them stay within the block limits, summarised with "and K more"', async () => {
    const servers = bigFleet(500);
    const entries: DetectionEntry[] = Array.from({ length: 10 }, (_, i) => ({
      id: i,
      createdAt: day(i / 24),
      server: servers[i * 5]!.name,
      channelId: 'C0WSUS',
      origin: 'message',
      messageTs: `17172720${i}.000100`,
      replyTs: null,
      count: 1 + i,
    }));
    const status = buildFleetStatus({ servers, newDetections: { entries, total: 200, groups: 60 }, now: NOW });
    expect(status.counts).toEqual({ affected: 100, 'needs-sp1': 100, vulnerable: 100, conflict: 0, unknown: 100, 'not-applicable': 0, fixed: 100 });
    expect(status.longAffected.servers).toHaveLength(100);
    for (const lang of ['en', 'ja'] as const) {
      const msg = renderStatusBlocks(status, lang, { timeZone: 'America/New_York' });
      expectWithinSlackLimits(msg);
      const json = JSON.stringify(msg.blocks);
      expect(json).toContain(lang === 'en' ? 'and 90 more' : 'ほか 90 件');
      // The other 50 servers with detections, not the other 190 detections.
      expect(json).toContain(lang === 'en' ? 'and 50 more' : 'ほか 50 件');
      expect(json).toContain(lang === 'en' ? 'New detections in the last 24 h: 200 on 60 servers' : '過去 24 時間の新しい検出: 200 件、サーバー 60 台');
      const text = renderStatusText(status, lang);
      expect(text.split('\n').length).toBeLessThan(120);
    }
  });

  it('long server names: lists are cut to whole lines, still within limits', async () => {
    const status = buildFleetStatus({ servers: bigFleet(500, 240), newDetections: { entries: [], total: 0, groups: 0 }, now: NOW });
    const msg = renderStatusBlocks(status, 'en');
    expectWithinSlackLimits(msg);
    for (const b of msg.blocks.filter((b): b is types.SectionBlock => b.type === 'section' && !!b.text)) {
      const text = b.text!.text;
      if (text.includes('\n• ')) expect(text).toMatch(/_and [\d,]+ more_$/);
    }
  });

  it('any fleet stays within the limits (property)', async () => {
    const facts = fc.record({
      name: fc.string({ minLength: 1, maxLength: 300 }),
      dllVersion: fc.option(fc.constantFrom('3.0.6000.273', '3.1.6001.65', '3.1.6001.66', '3.2.7600.226'), { nil: undefined }),
      dllVersionAt: fc.constant(day(30)),
      wsusVersion: fc.option(fc.constantFrom('3.0.6000.273', '3.1.6001.65', '3.2.7600.226'), { nil: undefined }),
      fixEventAt: fc.option(fc.constantFrom(day(20), day(2)), { nil: undefined }),
      lastAffectedAt: fc.option(fc.constantFrom(day(40), day(10), day(1), day(0.1)), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(facts, { maxLength: 700 }), fc.nat(5000), fc.constantFrom('en' as const, 'ja' as const), (servers, total, lang) => {
        const entries = servers.slice(0, 10).map((s, i) => ({
          id: i,
          createdAt: day(0.5),
          server: s.name,
          channelId: 'C1',
          origin: 'message',
          messageTs: '1.2',
          replyTs: null,
          count: 1 + (total % (i + 1)),
        }));
        const status = buildFleetStatus({ servers, newDetections: { entries, total, groups: Math.floor(total / 3) }, now: NOW });
        expectWithinSlackLimits(renderStatusBlocks(status, lang));
      }),
      { numRuns: 60 },
    );
  });
});

describe('loadFleetStatus (from the store)', () => {
  const opened: { close(): Promise<void> }[] = [];
  afterEach(async () => {
    for (const t of opened.splice(0)) await t.close();
  });
  const open = async () => {
    const t = await tempStorage();
    opened.push(t);
    return t;
  };

  it('reads servers, the last 24 h of detections and when each affected episode began', async () => {
    const t = await open();
    const store = t.storage;
    await recordAffected(store, 'wsus01', day(20)); // an old episode...
    await store.history.record({ diagnosis: diagnosis('wsus01', 'fixed', { fixEvent: true }), origin: 'cli', at: day(15) }); // ...fixed...
    await recordAffected(store, 'wsus01', day(9)); // ...and back: affected since 9 days
    await recordAffected(store, 'wsus01', day(0.5), { channelId: 'C0WSUS', messageTs: '1717200000.000100' });
    await recordAffected(store, 'wsus02', day(2));
    await store.servers.recordVersion('wsus03', 'dll', '3.1.6001.66', day(1));
    const status = await loadFleetStatus(store, NOW);
    expect(status.counts).toMatchObject({ affected: 2, fixed: 1 });
    const w1 = status.servers.affected.find((s) => s.name === 'wsus01')!;
    expect(w1.affectedSince).toBe(day(9));
    expect(w1.affectedDays).toBe(9);
    expect(status.longAffected.servers.map((s) => s.name)).toEqual(['wsus01']);
    expect(status.newDetections.total).toBe(1);
    expect(status.newDetections.entries[0]).toMatchObject({ server: 'wsus01', channelId: 'C0WSUS', threadTs: '1717200000.000100', count: 1 });

    const msg = renderStatusBlocks(await loadFleetStatus(store, NOW), 'en', { timeZone: 'Asia/Tokyo' });
    expectWithinSlackLimits(msg);
    expect(JSON.stringify(msg.blocks)).toContain('<#C0WSUS>'); // no permalink resolved: the channel is named
  });

  it('new detections: one line per server with its count and newest thread, bounded by servers, not diagnoses', async () => {
    const t = await open();
    const store = t.storage;
    const hours = (n: number) => day(n / 24);
    await recordAffected(store, 'wsus02', hours(20), { channelId: 'C0TWO', messageTs: '1717200000.000200' }); // the oldest of the day
    // wsusebc failed 12 times since, more than the post lists: the old list was wsusebc ×10 and nothing else.
    for (let i = 0; i < 12; i++)
      await recordAffected(store, 'wsusebc', hours(12 - i), { channelId: 'C0EBC', messageTs: `17172100${String(i).padStart(2, '0')}.000100` });
    await recordAffected(store, 'wsusebc', day(3), { channelId: 'C0EBC', messageTs: '1716900000.000100' }); // before the window
    // A row recorded before aliases existed, under another spelling of wsusebc: the same server.
    await sqlOnTestDatabase(t, 'INSERT INTO server_aliases (alias, name) VALUES (?, ?)', ['wsusebc.corp.example', 'wsusebc']);
    await sqlOnTestDatabase(
      t,
      "INSERT INTO diagnoses (created_at, origin, server, verdict, server_state, lang, lines) VALUES (?, 'cli', 'wsusebc.corp.example', 'affected', 'unknown', 'en', 1)",
      [hours(13)],
    );
    // No server named: grouped per channel (two pastes in C0ASK), and the CLI's (no channel) together.
    const unnamed = (at: string, where: { channelId?: string; messageTs?: string } = {}) =>
      store.history.record({
        diagnosis: diagnosis(null, 'affected'),
        origin: where.channelId ? 'message' : 'cli',
        at,
        channelId: where.channelId ?? null,
        messageTs: where.messageTs ?? null,
      });
    await unnamed(hours(10), { channelId: 'C0ASK', messageTs: '1717220000.000100' });
    await unnamed(hours(6), { channelId: 'C0ASK', messageTs: '1717230000.000100' });
    await unnamed(hours(15));
    await unnamed(hours(14));

    const status = await loadFleetStatus(store, NOW);
    const d = status.newDetections;
    expect(d.total).toBe(1 + 12 + 1 + 2 + 2);
    expect(d.groups).toBe(4);
    expect(d.entries.map((e) => [e.server, e.channelId, e.count, e.at])).toEqual([
      ['wsusebc', 'C0EBC', 13, hours(1)],
      [null, 'C0ASK', 2, hours(6)],
      [null, null, 2, hours(14)],
      ['wsus02', 'C0TWO', 1, hours(20)],
    ]);
    expect(d.entries[0]!.threadTs).toBe('1717210011.000100'); // the newest of wsusebc's
    // Bounded by servers: with room for two lines, the other two are "and 2 more".
    const two = (await loadFleetStatus(store, NOW, { detections: 2 })).newDetections;
    expect([two.entries.length, two.groups, two.total]).toEqual([2, 4, 18]);

    // The post links each line's newest thread, and asks Slack for those only.
    const asked: string[] = [];
    const client = {
      chat: {
        getPermalink: async (a: { channel: string; message_ts: string }) => {
          asked.push(`${a.channel}/${a.message_ts}`);
          return { ok: true, permalink: `https://example.slack.com/archives/${a.channel}/p${a.message_ts.replace('.', '')}` };
        },
      },
    };
    for (const lang of ['en', 'ja'] as const) {
      asked.length = 0;
      const msg = await linkedStatusMessage(store, client, lang, NOW, { timeZone: 'Asia/Tokyo' });
      expectWithinSlackLimits(msg);
      expect(asked.sort()).toEqual(['C0ASK/1717230000.000100', 'C0EBC/1717210011.000100', 'C0TWO/1717200000.000200']);
      const heading = lang === 'en' ? '*New detections in the last 24 h: 18 on 4 servers*' : '*過去 24 時間の新しい検出: 18 件、サーバー 4 台*';
      const section = msg.blocks.flatMap((b) => (b.type === 'section' && b.text?.text.startsWith(heading) ? [b.text.text] : []));
      expect(section).toHaveLength(1);
      const lines = section[0]!.split('\n');
      const thread = lang === 'en' ? 'thread' : 'スレッド';
      expect(lines.filter((l) => l.includes('wsusebc'))).toHaveLength(1);
      expect(lines[1]).toMatch(
        lang === 'en'
          ? /^• \*wsusebc\* — 13 detections, newest <!date\^\d+\^\{date_short_pretty\} \{time\}\|2024-06-02 08:00> \(<https:\/\/example\.slack\.com\/archives\/C0EBC\/p1717210011000100\|thread>\)$/
          : /^• \*wsusebc\* — 検出 13 件、最新 <!date\^\d+\^\{date_short_pretty\} \{time\}\|2024-06-02 08:00> \(<https:\/\/example\.slack\.com\/archives\/C0EBC\/p1717210011000100\|スレッド>\)$/,
      );
      expect(lines[2]).toContain(`/C0ASK/p1717230000000100|${thread}>`);
      expect(lines[3]).toContain(lang === 'en' ? '(server not named)* — 2 detections, newest' : '(サーバー名なし)* — 検出 2 件、最新');
      expect(lines[3]).toContain(lang === 'en' ? '(from the CLI)' : '(CLI から)');
      expect(lines[4]).toMatch(lang === 'en' ? /^• \*wsus02\* — 1 detection, <!date.*C0TWO.*\)$/ : /^• \*wsus02\* — 検出 1 件、<!date.*C0TWO.*\)$/);
      expect(lines).toHaveLength(5);
      expect(msg.text).toContain(
        lang === 'en'
          ? 'New detections in the last 24 h: 18 on 4 servers (wsusebc, wsus02)'
          : '過去 24 時間の新しい検出: 18 件、サーバー 4 台 (wsusebc、wsus02)',
      );
    }

    // The terminal: the same lines, times in the zone asked for.
    const text = renderStatusText(status, 'en', { timeZone: 'Asia/Tokyo' }).split('\n');
    const at = text.indexOf('New detections in the last 24 h: 18 on 4 servers');
    expect(text.slice(at + 1, at + 5)).toEqual([
      '  wsusebc — 13 detections, newest 2024-06-02 08:00  (C0EBC)',
      '  (server not named) — 2 detections, newest 2024-06-02 03:00  (C0ASK)',
      '  (server not named) — 2 detections, newest 2024-06-01 19:00  (from the CLI)',
      '  wsus02 — 1 detection, 2024-06-01 13:00  (C0TWO)',
    ]);
    expect(statusJson(status, 'en').newDetections).toMatchObject({
      total: 18,
      groups: 4,
      entries: [{ server: 'wsusebc', count: 13, threadTs: '1717210011.000100' }, {}, {}, { server: 'wsus02', count: 1 }],
    });
  });

  it('a detection without a channel says how it came in: the form is not labelled as the CLI', async () => {
    const t = await open();
    const store = t.storage;
    const hours = (n: number) => day(n / 24);
    // The check form opened from a global shortcut has no channel; nor has the CLI.
    const outside = (server: string | null, origin: 'modal' | 'cli', at: string) =>
      store.history.record({ diagnosis: diagnosis(server, 'affected'), origin, at });
    await outside('wsusform', 'modal', hours(1));
    await outside(null, 'modal', hours(2));
    await outside('wsuscli', 'cli', hours(3));

    const status = await loadFleetStatus(store, NOW);
    expect(status.newDetections.entries.map((e) => [e.server, e.channelId, e.origin])).toEqual([
      ['wsusform', null, 'modal'],
      [null, null, 'modal'],
      ['wsuscli', null, 'cli'],
    ]);
    expect(statusJson(status, 'en').newDetections.entries.map((e) => e.origin)).toEqual(['modal', 'modal', 'cli']);

    const expected = {
      en: { form: '(from the form)', cli: '(from the CLI)', unnamed: '(server not named)' },
      ja: { form: '(フォームから)', cli: '(CLI から)', unnamed: '(サーバー名なし)' },
    } as const;
    for (const lang of ['en', 'ja'] as const) {
      const w = expected[lang];
      const blocks = renderStatusBlocks(status, lang, { timeZone: 'Asia/Tokyo' });
      expectWithinSlackLimits(blocks);
      const heading = `*${newDetectionsHeading(status, lang)}*`;
      const section = blocks.blocks.flatMap((b) => (b.type === 'section' && b.text?.text.startsWith(`${heading}\n`) ? [b.text.text] : []));
      expect(section).toHaveLength(1);
      const lines = section[0]!.split('\n').slice(1);
      expect(lines.map((l) => [l.slice(0, l.indexOf(' — ')), l.slice(l.lastIndexOf(' ('))])).toEqual([
        ['• *wsusform*', ` ${w.form}`],
        [`• *${w.unnamed}*`, ` ${w.form}`],
        ['• *wsuscli*', ` ${w.cli}`],
      ]);

      const text = renderStatusText(status, lang, { timeZone: 'Asia/Tokyo' }).split('\n');
      const at = text.findIndex((l) => l.startsWith('  wsusform — '));
      expect(at).toBeGreaterThan(0);
      expect(text.slice(at, at + 3).map((l) => l.slice(l.lastIndexOf('  ') + 2))).toEqual([w.form, w.form, w.cli]);
      expect(text[at + 1]!.startsWith(`  ${w.unnamed} — `)).toBe(true);
    }
  });

  it('an empty database: one line', async () => {
    const t = await open();
    const store = t.storage;
    const msg = renderStatusBlocks(await loadFleetStatus(store, NOW), 'en');
    expect(msg.blocks).toHaveLength(1);
    // Nothing known yet: the line says how to tell the bot of a server (the 'no-servers' next action), not only that.
    expect(msg.text).toBe(
      'KB954960 — quiet day: no new detections in the last 24 h. No servers known yet: paste a WindowsUpdate.log or SoftwareDistribution.log to the bot, or record one with `server NAME wsus VERSION`.',
    );
    expect(renderStatusText(await loadFleetStatus(store, NOW), 'ja')).toBe(
      'KB954960 — 新しい検出なし: 過去 24 時間に新しい検出はありません。まだサーバーの情報がありません。WindowsUpdate.log や SoftwareDistribution.log をボットに貼り付けるか、`server <名前> wsus <バージョン>` で記録してください。',
    );
  });
});
