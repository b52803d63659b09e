// Two replicas on one PostgreSQL (DATABASE_URL): what each must not do twice. An event Slack delivers to both is
// queued once and answered once; the daily post goes out once per channel per day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { IDENTITY_LOCK, openPostgresStorage } from '../db/postgres/storage.js';
import { scanText } from '../src/detect/scanner.js';
import { diagnose } from '../src/diagnose/diagnose.js';
import { createLogger } from '../src/log.js';
import { SlackInbox } from '../src/slack/inbox.js';
import { StatusScheduler } from '../src/status/scheduler.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { clientExampleOn, KB_SERVER_LINE } from './support/fixtures.js';
import { messageEvent, slackTs } from './support/payloads.js';
import { testDatabase } from './support/postgres.js';
import { postEvent } from './support/sign.js';
import { clockAt, fakeSlack } from './support/status-fixtures.js';
import { waitUntil } from './support/wait.js';

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
      for (let i = 0; i < 5; i++)
        await a.status.upsertSubscription({ channelId: `CP${i}`, postTime: '09:00', timeZone: 'Asia/Tokyo', lang: 'en', at: '2024-05-01T00:00:00Z' });
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

  it('work a replica took and died on (kill -9: it stops renewing its lease) is finished by another, once', async () => {
    const db = await testDatabase();
    const dead = await openPostgresStorage(db);
    const alive = await openPostgresStorage(db);
    const worked: string[] = [];
    const handler = async (item: { key: string }) => {
      worked.push(item.key);
      return { outcome: 'replied' as const, replyTs: '2.0001' };
    };
    const inbox = new SlackInbox({
      store: alive,
      logger: createLogger('silent'),
      id: 'replica-b.example:2:b',
      leaseMs: 600,
      handlers: { message: handler, file: handler, command: handler, view: handler, retract: handler },
    });
    try {
      const at = () => new Date().toISOString();
      // Replica A (on another host) acked two pieces of work, took one, and died; a third is still being renewed by a live A.
      for (const key of ['message:C1:1.1', 'message:C1:2.1', 'message:C1:3.1'])
        await dead.inbox.accept({ key, kind: 'message', payload: { channel: 'C1' }, at: at() });
      expect(await dead.inbox.take('message:C1:1.1', 'replica-a.example:1:a', at(), at(), () => false)).not.toBeNull();
      expect(await dead.inbox.take('message:C1:3.1', 'replica-a.example:1:live', at(), at(), () => false)).not.toBeNull();
      const keepAlive = setInterval(() => void dead.inbox.renew('message:C1:3.1', 'replica-a.example:1:live', at()), 100);
      try {
        const started = performance.now();
        inbox.startSweeping(100);
        await waitUntil('the dead replica’s work finished by the live one', async () => (await alive.inbox.item('message:C1:1.1'))?.doneAt != null, 10_000);
        const tookOverMs = performance.now() - started;
        await waitUntil('the work never started finished too', async () => (await alive.inbox.item('message:C1:2.1'))?.doneAt != null);
        expect(tookOverMs).toBeGreaterThanOrEqual(300); // not before the lease ran out
        await inbox.sweep();
        await inbox.idle();
        expect(worked.sort()).toEqual(['message:C1:1.1', 'message:C1:2.1']); // each once; the live holder's left alone
        expect(await alive.inbox.item('message:C1:1.1')).toMatchObject({ outcome: 'replied', takenBy: 'replica-b.example:2:b', attempts: 2 });
        expect(await alive.inbox.item('message:C1:3.1')).toMatchObject({ doneAt: null, takenBy: 'replica-a.example:1:live' });
      } finally {
        clearInterval(keepAlive);
      }
    } finally {
      await inbox.drain();
      await dead.close();
      await alive.close();
    }
  });

  it('a record on one replica waits while a "one server" merge on another reshapes names, then files under the merged name', async () => {
    const at = '2026-11-25T12:00:00.000Z';
    const record = (s: typeof one.storage, server: string) =>
      s.history.record({ diagnosis: diagnose(scanText(clientExampleOn(server)), { lang: 'en', now: at }), origin: 'cli', at });
    const older = await record(one.storage, 'wsus-merge-old');
    const newer = await record(one.storage, 'wsus-merge-new');
    // A session of its own holds the identity lock, as a merge in progress would: both replicas' writes must queue.
    const gate = new pg.Client({ connectionString: url });
    await gate.connect();
    const waiting = async () =>
      Number((await gate.query("SELECT COUNT(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted", [IDENTITY_LOCK])).rows[0].n);
    try {
      await gate.query('SELECT pg_advisory_lock($1)', [IDENTITY_LOCK]);
      const merged = one.storage.attribution.sameServer({ diagnosisId: newer, earlierId: older, alias: 'wsus-merge-old', into: 'wsus-merge-new', at });
      await waitUntil('the merge to wait for the identity lock', async () => (await waiting()) === 1);
      // The other replica files a paste under the name being merged away: it waits behind the merge.
      let filed = false;
      const late = record(two.storage, 'wsus-merge-old').then((id) => {
        filed = true;
        return id;
      });
      await waitUntil('the record to wait behind the merge', async () => (await waiting()) === 2);
      expect(filed).toBe(false);
      await gate.query('SELECT pg_advisory_unlock($1)', [IDENTITY_LOCK]);
      expect(await merged).toEqual({ kind: 'joined', server: 'wsus-merge-new' });
      const id = await late;
      // Filed after the merge, under the merged name: the name merged away was not made a server again.
      expect((await two.storage.history.list({ server: 'wsus-merge-new', limit: 10 })).map((e) => [e.id, e.server])).toContainEqual([id, 'wsus-merge-new']);
      expect((await two.storage.servers.list()).map((f) => f.name)).not.toContain('wsus-merge-old');
      expect(await two.storage.servers.aliasesOf('wsus-merge-new')).toContain('wsus-merge-old');
    } finally {
      await gate.end();
    }
  });
});
