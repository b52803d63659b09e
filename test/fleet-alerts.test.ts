import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reportSignature } from '../src/fleet/signature.js';
import { enrollServer } from '../src/reports/keys.js';
import { startTestBot, type TestBot } from './support/bot.js';
import { buildReport, fleetOf, reportId } from './support/reports.js';

// Alerts through the real app: reports over HTTP to the bot's ingest port, a subscribed channel in the fake Slack, and
// a clock the test moves (a day of silence without waiting a day).
const serverLog = readFileSync(fileURLToPath(new URL('./fixtures/server-affected.log', import.meta.url)), 'utf8');
const CHANNEL = 'C0FLEET01';
let t = Date.parse('2026-11-25T12:00:00Z');
const clock = () => new Date(t);

function send(bot: TestBot, key: string, report: Record<string, unknown>): Promise<number> {
  const body = Buffer.from(JSON.stringify(report));
  const ts = String(Math.floor(t / 1000));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: bot.ingestPort,
        method: 'POST',
        path: '/ingest/v1/reports',
        headers: {
          'x-kb954960-server': 'WSUS01',
          'x-kb954960-timestamp': ts,
          'x-kb954960-signature': reportSignature(key, ts, body),
          'content-length': String(body.length),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode!));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const alertsIn = (bot: TestBot) =>
  bot.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === CHANNEL && /turned worse|recovered/.test(String(c.body.text)));
const blocksText = (call: { body: Record<string, any> }) => (call.body.blocks as { text: { text: string } }[]).map((b) => b.text.text).join('\n');

describe('fleet alerts in subscribed channels', () => {
  let bot: TestBot;
  let key: string;
  beforeAll(async () => {
    bot = await startTestBot({
      clock,
      env: { INGEST_PORT: '0', INGEST_HOST: '127.0.0.1' },
      beforeStart: async (storage) => {
        // Subscribed for a daily post at 23:59 local: not due during the test, so every post seen here is an alert.
        await storage.status.upsertSubscription({ channelId: CHANNEL, postTime: '23:59', timeZone: 'UTC', lang: 'en', at: clock().toISOString() });
      },
    });
    ({ key } = await enrollServer(bot.storage, 'WSUS01', clock()));
  });
  afterAll(async () => bot.close());

  const sp1 = (n: number, failing: number, log?: string) =>
    buildReport({
      id: reportId(n),
      generated: clock().toISOString(),
      server: 'WSUS01',
      wsus: '3.1.6001.65',
      dll: '3.1.6001.65',
      event1022: null,
      ...(log ? { log } : {}),
      clients: fleetOf(40, { failing, code: '0x8024400E', synced: clock().toISOString(), since: new Date(t - 3_600_000).toISOString() }),
    });

  test('a server turning worse: one post, with KB954960 as the first suspect and the install step', async () => {
    expect(await send(bot, key, sp1(1, 12, serverLog))).toBe(202);
    await bot.bot.ingestIdle();
    expect(alertsIn(bot)).toHaveLength(1);
    const text = blocksText(alertsIn(bot)[0]!);
    expect(text).toContain('*:warning: wsus01 turned worse*');
    expect(text).toContain('• KB954960: affected — clients fail with the known WSUS 3.0 sync failure.');
    expect(text).toMatch(
      /• 12 of 40 clients fail with 0x8024400E since <!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+> \(PC0001, PC0002, PC0003, PC0004, PC0005, …\)\./,
    );
    expect(text).toContain(
      '• KB954960 is the first suspect: 0x8024400E on many clients of an SP1 server without the fix. Install KB954960 on wsus01, then verify.',
    );
  });

  test('the same condition the next day: no second post', async () => {
    t += 20 * 3_600_000;
    expect(await send(bot, key, sp1(2, 14))).toBe(202);
    await bot.bot.ingestIdle();
    expect((await bot.storage.fleet.reporting())[0]?.health?.failing[0]?.clients).toBe(14);
    expect(alertsIn(bot)).toHaveLength(1);
  });

  test('24 h without a report: one "silent" post on the sweep, not repeated', async () => {
    t += 23 * 3_600_000;
    expect(await bot.bot.alerts.sweepSilent(clock())).toEqual([]);
    t += 1 * 3_600_000;
    const [a] = await bot.bot.alerts.sweepSilent(clock());
    expect(a).toMatchObject({ server: 'wsus01', changes: [{ kind: 'silent', turn: 'worse' }], channels: [CHANNEL] });
    expect(blocksText(alertsIn(bot).at(-1)!)).toContain('• No report for 24 h (the last came <!date^');
    // What follows the first alert is replied in its thread, not posted anew.
    const first = await bot.fake.callsTo('chat.postMessage').find((c) => c.body.channel === CHANNEL && /turned worse/.test(String(c.body.text)));
    expect(first!.body.thread_ts).toBeUndefined();
    expect(alertsIn(bot).at(-1)!.body.thread_ts).toBe(await bot.storage.fleet.alertThread('wsus01', CHANNEL));
    expect(alertsIn(bot).at(-1)!.body.thread_ts).toBeTruthy();
    t += 6 * 3_600_000;
    expect(await bot.bot.alerts.sweepSilent(clock())).toEqual([]);
    expect(alertsIn(bot)).toHaveLength(2);
    // The daily post (and App Home) names it too, as long as it stays silent.
    const { loadFleetStatus } = await import('../src/status/query.js');
    const { renderStatusBlocks } = await import('../src/render/status-blocks.js');
    const post = JSON.stringify(renderStatusBlocks(await loadFleetStatus(bot.storage, clock()), 'en').blocks);
    expect(post).toContain(':satellite: *Reporting servers silent for 24 h or more: 1*');
    expect(post).toContain('14 of 40 clients fail with 0x8024400E');
  });

  test('the fix installed and clients healthy: one recovery post', async () => {
    const fixed = buildReport({
      id: reportId(3),
      generated: clock().toISOString(),
      server: 'WSUS01',
      wsus: '3.1.6001.65',
      dll: '3.1.6001.66',
      event1022: '2026-11-27',
      clients: fleetOf(40, { synced: clock().toISOString() }),
    });
    expect(await send(bot, key, fixed)).toBe(202);
    await bot.bot.ingestIdle();
    expect(alertsIn(bot)).toHaveLength(3);
    const text = blocksText(alertsIn(bot)[2]!);
    expect(text).toContain('*:white_check_mark: wsus01 recovered*');
    expect(text).toContain('• KB954960: no longer affected (the fix is in place since the last failure).');
    expect(text).toContain('• 0x8024400E: down to 0 of 40 clients.');
    expect(text).toContain('• Reporting again.');
    // The recovery ends the thread, and is shown in the channel too; the next trouble would be a post of its own.
    expect(alertsIn(bot)[2]!.body).toMatchObject({ thread_ts: alertsIn(bot)[1]!.body.thread_ts, reply_broadcast: 'true' }); // form-encoded by the Web API client
    expect(await bot.storage.fleet.alertThread('wsus01', CHANNEL)).toBeNull();
  });
});

describe('the alert in Japanese', () => {
  test('a channel subscribed in Japanese reads it in Japanese', async () => {
    const { renderFleetAlert } = await import('../src/render/fleet-alert.js');
    const { text, blocks } = renderFleetAlert(
      'wsus01',
      [
        { kind: 'clients-failing', code: '0x8024400E', turn: 'worse', clients: 12, total: 40, since: '2026-11-25T11:00:00.000Z', sample: ['PC0001'] },
        { kind: 'silent', turn: 'recovered' },
      ],
      { lang: 'ja', state: 'vulnerable' },
    );
    expect(text).toBe('wsus01 の状態が悪化しました');
    const all = blocks.map((b: any) => b.text.text).join('\n');
    expect(all).toContain('クライアント 40 台中 12 台が <!date^');
    expect(all).toContain('最も疑わしいのは KB954960 です');
    expect(all).toContain('*:white_check_mark: wsus01 が回復しました*\n• 報告が再開しました。');
  });
});
