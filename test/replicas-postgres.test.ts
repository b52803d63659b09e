// Two replicas on one PostgreSQL (DATABASE_URL): what each must not do twice. An event Slack delivers to both is
// queued once and answered once; the daily post goes out once per channel per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../db/postgres/storage.js';
import { StatusScheduler } from '../src/status/scheduler.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { KB_SERVER_LINE } from './support/fixtures.js';
import { messageEvent, slackTs } from './support/payloads.js';
import { testDatabase } from './support/postgres.js';
import { postEvent } from './support/sign.js';
import { clockAt, fakeSlack } from './support/status-fixtures.js';

let url: string;
let one: TestBot;
let two: TestBot;
beforeAll(async () => {
  url = await testDatabase();
  one = await startTestBot({ storage: () => openPostgresStorage(url) });
  // The second replica: its own process's connections to the same database, answering through the same Slack.
  two = await startTestBot({ storage: () => openPostgresStorage(url), useFake: one.fake });
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

describe('two replicas on one PostgreSQL', () => {
  it('an event delivered to both at once is queued once and answered once', async () => {
    const channel = 'C0REPLICA';
    const deliveries = Array.from({ length: 5 }, () => ({ ts: slackTs() }));
    const results = await Promise.all(
      deliveries.flatMap(({ ts }) => {
        const event = messageEvent({ channel, ts, text: KB_SERVER_LINE });
        return [postEvent(one.events, SIGNING_SECRET, event), postEvent(two.events, SIGNING_SECRET, event)];
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    // Each item is worked by the replica that queued it: both queues idle, every item is finished.
    await Promise.all([one.idle(), two.idle()]);
    for (const { ts } of deliveries) {
      const [a, b] = await Promise.all([one.worked(`message:${channel}:${ts}`), two.worked(`message:${channel}:${ts}`)]);
      expect(a).toEqual(b); // one row, seen from both
      expect(a).toMatchObject({ outcome: 'replied', attempts: 1 });
    }
    const posts = one.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
    expect(posts.map((p) => p.body.thread_ts).sort()).toEqual(deliveries.map((d) => d.ts).sort());
    expect(await one.storage.history.count()).toBe(5);
  });

  it('the daily post: two schedulers racing over five channels post each once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const slack = fakeSlack(clock);
    slack.setDelay(15); // both are in flight together
    const a = await openPostgresStorage(url);
    const b = await openPostgresStorage(url);
    try {
      for (let i = 0; i < 5; i++) await a.status.upsertSubscription({ channelId: `CP${i}`, postTime: '09:00', timeZone: 'Asia/Tokyo', lang: 'en', at: '2024-05-01T00:00:00Z' });
      const first = new StatusScheduler({ store: a, client: slack.client, clock, instanceId: 'one', sweep: null });
      const second = new StatusScheduler({ store: b, client: slack.client, clock, instanceId: 'two', sweep: null });
      await Promise.all([first.runDue(), second.runDue(), first.runDue(), second.runDue()]);
      for (let i = 0; i < 5; i++) expect(slack.postsTo(`CP${i}`)).toHaveLength(1);
      expect((await a.status.statusPosts()).filter((p) => p.channelId.startsWith('CP')).every((p) => p.postedTs !== null && p.attempts === 1)).toBe(true);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
