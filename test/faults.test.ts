// Slack API faults: 429 with Retry-After, 500s, slow answers, an outage that outlasts every retry. Replies are retried
// with backoff and arrive exactly once; Slack's events keep being acked at once; the bot stays up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../src/store/port.js';
import { startTestBot, type StartBotOptions, type TestBot } from './support/bot.js';
import { get, messageEvent, postEvent, rateLimited, reply, slackError, startFakeSlack, type FakeSlack } from './support/index.js';
import { waitUntil } from './support/wait.js';

const BOT_TOKEN = 'xoxb-1-faults-test-token';
const SECRET = 'faults-test-signing-secret-0123456789';

const SIGNATURE = [
  '2008-08-12\t09:15:41:156\t 940\tf54\tPT\t+++++++++++  PT: Synchronizing server updates  +++++++++++',
  '2008-08-12\t09:15:41:156\t 940\tf54\tPT\t  + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = <http://wsus01/ClientWebService/client.asmx>',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING: SOAP Fault: 0x000190',
  '2008-08-12\t09:15:41:203\t 940\tf54\tPT\tWARNING:     ErrorCode:InternalServerError(5)',
].join('\n');

let tsSeq = 0;
const nextTs = () => `${1_750_000_000 + ++tsSeq}.000100`;

/** The faults' bot: this file's token and secret, and more reply attempts than the default. */
const startBot = (o: StartBotOptions = {}) => startTestBot({ botToken: BOT_TOKEN, signingSecret: SECRET, replyRetry: { attempts: 5, baseMs: 20 }, ...o });

/** The bot's messages in a thread, as Slack has them (only successful posts create one). */
async function threadReplies(fake: FakeSlack, channel: string, ts: string): Promise<{ ts: string; thread_ts?: string }[]> {
  const res = await fetch(`${fake.apiUrl}conversations.replies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ channel, ts }),
  });
  return ((await res.json()) as { messages: { ts: string; thread_ts?: string }[] }).messages.filter((m) => m.thread_ts === ts);
}

describe('Slack API faults', () => {
  let r: TestBot;
  beforeAll(async () => {
    r = await startBot();
  });
  afterAll(async () => {
    await r?.close();
  });
  afterEach(() => {
    r.fake.respondWith('chat.postMessage', null);
    r.fake.latency('chat.postMessage', null);
  });

  it('429 (Retry-After), then 500, then a slow answer: the reply arrives exactly once and the bot stays up', async () => {
    const { fake } = r;
    // Overrides stack (last in, first used): the first attempt is rate limited, the second gets a 500.
    fake.respondWith('chat.postMessage', reply(500, 'Internal Server Error', { 'content-type': 'text/plain' }), { times: 1 });
    fake.respondWith('chat.postMessage', rateLimited(1), { times: 1 });
    // …and the third, which goes through, is answered 800 ms late.
    let n = 0;
    fake.latency('chat.postMessage', () => (++n === 3 ? 800 : 0));

    const channel = 'C0FAULT1';
    const ts = nextTs();
    const t0 = performance.now();
    const ack = await postEvent(r.events, SECRET, messageEvent({ channel, ts, text: SIGNATURE }));
    expect(ack.status).toBe(200);
    expect(ack.ms).toBeLessThan(1000); // the ack never waits for Slack's Web API

    // While the slow answer is pending, the bot answers health checks and acks other events.
    await waitUntil('the third (slow) attempt', () => fake.callsTo('chat.postMessage').length >= 3);
    const health = await get(`${r.url}/healthz`, 2000);
    expect(health.status).toBe(200);
    expect(health.ms).toBeLessThan(500);
    const other = await postEvent(r.events, SECRET, messageEvent({ channel: 'C0FAULT9', ts: nextTs(), text: 'just chatting' }));
    expect(other.status).toBe(200);

    const key = `message:${channel}:${ts}`;
    await waitUntil('the reply to be recorded', async () => (await r.storage.inbox.item(key))?.doneAt != null);
    const elapsed = performance.now() - t0;
    const attempts = fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts);
    expect(attempts.map((c) => c.body.channel)).toEqual([channel, channel, channel]);
    // Rate limit honoured: the retry after the 429 came no sooner than Retry-After.
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(await threadReplies(fake, channel, ts)).toHaveLength(1);
    const item = (await r.storage.inbox.item(key))!;
    expect(item.outcome).toBe('replied');
    expect(item.replyTs).toBeTruthy();
    expect((await r.storage.history.list({ limit: 10 })).filter((h) => h.messageTs === ts)).toHaveLength(1);
    expect((await get(`${r.url}/healthz`)).status).toBe(200);
    console.log(`[faults] 429 → 500 → slow 800 ms: ${attempts.length} attempts, one reply, ${elapsed.toFixed(0)} ms from event to reply`);
  });

  it('a Slack that is slow for everything: events are still acked at once, every reply arrives once', async () => {
    const { fake } = r;
    fake.latency('chat.postMessage', 1500);
    const channel = 'C0FAULT2';
    const tss = Array.from({ length: 20 }, nextTs);
    const acks = await Promise.all(tss.map((ts) => postEvent(r.events, SECRET, messageEvent({ channel, ts, text: SIGNATURE }))));
    for (const a of acks) {
      expect(a.status).toBe(200);
      expect(a.ms).toBeLessThan(1000);
    }
    await waitUntil('20 replies', async () =>
      (await Promise.all(tss.map((ts) => r.storage.inbox.item(`message:${channel}:${ts}`)))).every((item) => item?.doneAt != null),
    );
    for (const ts of tss) expect(await threadReplies(fake, channel, ts)).toHaveLength(1);
  });

  it('platform errors and an outage longer than every retry: the bot gives up on that reply, logs it, and stays up', async () => {
    const { fake } = r;
    fake.respondWith('chat.postMessage', slackError('internal_error'), { times: 2 });
    fake.respondWith('chat.postMessage', reply(503, 'Service Unavailable', { 'content-type': 'text/plain' }), { times: 1 });
    const channel = 'C0FAULT3';
    const ts = nextTs();
    expect((await postEvent(r.events, SECRET, messageEvent({ channel, ts, text: SIGNATURE }))).status).toBe(200);
    await waitUntil('the reply after 3 failures', async () => (await r.storage.inbox.item(`message:${channel}:${ts}`))?.doneAt != null);
    expect((await r.storage.inbox.item(`message:${channel}:${ts}`))!.outcome).toBe('replied');
    expect(await threadReplies(fake, channel, ts)).toHaveLength(1);

    // Now Slack fails every time: after the configured attempts (5) the item is marked failed, not retried forever.
    fake.respondWith('chat.postMessage', reply(500, 'down'));
    const ts2 = nextTs();
    expect((await postEvent(r.events, SECRET, messageEvent({ channel, ts: ts2, text: SIGNATURE }))).status).toBe(200);
    await waitUntil('giving up', async () => (await r.storage.inbox.item(`message:${channel}:${ts2}`))?.doneAt != null);
    const failed = (await r.storage.inbox.item(`message:${channel}:${ts2}`))!;
    expect(failed.outcome).toBe('failed');
    expect(failed.attempts).toBe(5);
    expect(fake.callsTo('chat.postMessage').filter((c) => c.body.thread_ts === ts2)).toHaveLength(5);
    expect(r.rawLogs.some((l) => l.includes('giving up on this Slack reply'))).toBe(true);
    // The diagnosis itself was kept: the history does not depend on Slack being up.
    expect((await r.storage.history.list({ limit: 50 })).filter((h) => h.messageTs === ts2)).toHaveLength(1);

    // Slack is back: the bot is still up and answers the next message.
    fake.respondWith('chat.postMessage', null);
    expect((await get(`${r.url}/healthz`)).status).toBe(200);
    const ts3 = nextTs();
    expect((await postEvent(r.events, SECRET, messageEvent({ channel, ts: ts3, text: SIGNATURE }))).status).toBe(200);
    await waitUntil('the reply after the outage', async () => (await r.storage.inbox.item(`message:${channel}:${ts3}`))?.outcome === 'replied');
    expect(await threadReplies(fake, channel, ts3)).toHaveLength(1);
  });

  it("a garbled answer (a proxy's HTML page with 200) is retried like any failure", async () => {
    const { fake } = r;
    fake.respondWith('chat.postMessage', reply(200, '<html><body>502 Bad Gateway</body></html>', { 'content-type': 'text/html' }), { times: 1 });
    const channel = 'C0FAULT4';
    const ts = nextTs();
    expect((await postEvent(r.events, SECRET, messageEvent({ channel, ts, text: SIGNATURE }))).status).toBe(200);
    await waitUntil('the reply', async () => (await r.storage.inbox.item(`message:${channel}:${ts}`))?.outcome === 'replied');
    expect(await threadReplies(fake, channel, ts)).toHaveLength(1);
  });
});

describe('the daily status post under faults', () => {
  // 10:00 in Tokyo: today's 09:00 post is due as soon as the bot starts (its catch-up run).
  const now = new Date('2025-03-03T01:00:00Z');
  const channel = 'C0DAILY1';
  const localDate = '2025-03-03';
  let r: TestBot | undefined;
  let fake: FakeSlack;
  let dir: string;

  afterAll(async () => {
    await r?.close(); // the bot and its store: the fake and the directory are this block's
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const statusPosts = () => fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
  const postedInSlack = async () => {
    const res = await fetch(`${fake.apiUrl}conversations.history`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel }),
    });
    return ((await res.json()) as { messages: unknown[] }).messages.length;
  };

  it('a 500, then a 429 on the daily post: retried, posted exactly once, also across a restart', async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    dir = mkdtempSync(join(tmpdir(), 'kb954960-daily-'));
    fake.respondWith('chat.postMessage', rateLimited(1), { times: 1 });
    fake.respondWith('chat.postMessage', reply(500, 'Internal Server Error', { 'content-type': 'text/plain' }), { times: 1 });
    const subscribe = async (storage: Storage) => {
      await storage.status.upsertSubscription({
        channelId: channel,
        teamId: 'T1',
        postTime: '09:00',
        timeZone: 'Asia/Tokyo',
        lang: 'en',
        createdBy: 'UADMIN',
        at: '2025-03-01T00:00:00Z',
      });
    };
    // The one retry policy for the daily post: the Web API client retries the 500 and waits out the 429 inside the
    // call; what it cannot get through gives the claim back to the next sweep (test/status-scheduler.test.ts).
    r = await startBot({ useFake: fake, dir, clock: () => now, beforeStart: subscribe, apiRetries: 2 });
    const status = r.storage.status;
    await waitUntil('the daily post to be recorded', async () => !!(await status.statusPost(channel, localDate))?.postedTs, 15_000);
    expect(statusPosts().length).toBe(3); // 500, 429, then through
    expect(await postedInSlack()).toBe(1);
    expect((await get(`${r.url}/healthz`)).status).toBe(200);

    // More runs the same day (the sweep, the channel's own job, a second process): nothing more is posted.
    const again = await Promise.all([r.bot.scheduler.runDue(now), r.bot.scheduler.runDue(now)]);
    expect(again.flatMap((x) => x.posted)).toEqual([]);

    // A restart on the same database, the same day: its catch-up run finds the post already made.
    await r.close();
    r = await startBot({ useFake: fake, dir, clock: () => now, apiRetries: 2 });
    await r.bot.scheduler.runDue(now);
    await r.bot.scheduler.idle(); // the catch-up run at start has finished too: whatever it would post, it has
    expect(statusPosts().length).toBe(3);
    expect(await postedInSlack()).toBe(1);
    console.log(`[faults] daily post: 500 → 429 → posted once (${statusPosts().length} attempts), none after a restart`);
  }, 30_000);
});
