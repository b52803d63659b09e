import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeOnce } from '../src/retention.js';
import { dueToday, localParts, nextPostTime, postTimeOn } from '../src/fleet/post-time.js';
import { postedAfter, StatusScheduler, STATUS_EVENT_TYPE, type SchedulerDeps } from '../src/status/scheduler.js';
import type { Storage } from '../src/store/port.js';
import { clockAt, fakeSlack, httpError, platformError, rateLimited, recordAffected, subscribe, tempDb } from './support/status-fixtures.js';
import { waitUntil } from './support/wait.js';
import { openTestStorage } from './support/storage.js';

let db: ReturnType<typeof tempDb>;
const stores: Storage[] = [];
const schedulers: StatusScheduler[] = [];

/** Opens the test's database as one process would (each call another process on the same data). */
async function open(): Promise<Storage> {
  const s = await openTestStorage(db.dir);
  stores.push(s);
  return s;
}

/** That process ends: its storage closes (the others stay open). */
async function close(s: Storage): Promise<void> {
  stores.splice(stores.indexOf(s), 1);
  await s.close();
}

function scheduler(deps: Partial<SchedulerDeps> & Pick<SchedulerDeps, 'store' | 'client' | 'clock'>): StatusScheduler {
  const s = new StatusScheduler({ instanceId: 'test', sweep: null, ...deps });
  schedulers.push(s);
  return s;
}

beforeEach(() => {
  db = tempDb();
});

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  for (const s of stores.splice(0)) await s.close();
  db.cleanup();
});

describe('local time', () => {
  it('maps local wall times to instants across DST (America/New_York)', () => {
    expect(postTimeOn({ postTime: '09:00', timeZone: 'America/New_York' }, '2024-03-09').toISOString()).toBe('2024-03-09T14:00:00.000Z');
    expect(postTimeOn({ postTime: '09:00', timeZone: 'America/New_York' }, '2024-03-11').toISOString()).toBe('2024-03-11T13:00:00.000Z');
    // 02:30 does not exist on 2024-03-10: the first valid time after it
    expect(postTimeOn({ postTime: '02:30', timeZone: 'America/New_York' }, '2024-03-10').toISOString()).toBe('2024-03-10T07:00:00.000Z');
    // 01:30 happens twice on 2024-11-03: the first one
    expect(postTimeOn({ postTime: '01:30', timeZone: 'America/New_York' }, '2024-11-03').toISOString()).toBe('2024-11-03T05:30:00.000Z');
    expect(postTimeOn({ postTime: '09:00', timeZone: 'Asia/Tokyo' }, '2024-06-01').toISOString()).toBe('2024-06-01T00:00:00.000Z');
    expect(postTimeOn({ postTime: '00:00', timeZone: 'Asia/Tokyo' }, '2024-06-01').toISOString()).toBe('2024-05-31T15:00:00.000Z');
    expect(localParts(new Date('2024-05-31T15:00:00Z'), 'Asia/Tokyo')).toEqual({ date: '2024-06-01', time: '00:00' });
  });

  it('croner schedules in the subscription time zone, DST-correct', () => {
    const sub = { postTime: '09:00', timeZone: 'America/New_York' };
    expect(nextPostTime(sub, new Date('2024-03-09T15:00:00Z'))?.toISOString()).toBe('2024-03-10T13:00:00.000Z'); // EDT from 03-10
    expect(nextPostTime(sub, new Date('2024-11-02T14:00:00Z'))?.toISOString()).toBe('2024-11-03T14:00:00.000Z'); // EST again
    expect(nextPostTime({ postTime: '02:30', timeZone: 'America/New_York' }, new Date('2024-03-09T12:00:00Z'))?.toISOString()).toBe('2024-03-10T07:00:00.000Z');
  });
});

describe('StatusScheduler.runDue', () => {
  it('a normal day: nothing before the time, one post at it, nothing more that day, one the next day', async () => {
    const clock = clockAt('2024-06-01T23:59:00Z'); // 08:59 in Tokyo
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    await recordAffected(store, 'wsus01', '2024-06-01T20:00:00Z', { channelId: 'CLOGS', messageTs: '1717272000.000100' });
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock });

    expect(await sched.runDue()).toEqual({ posted: [], skipped: [], failed: [] });
    clock.set('2024-06-02T00:00:00Z'); // 09:00 JST
    expect(await sched.runDue()).toEqual({ posted: ['C1'], skipped: [], failed: [] });
    clock.set('2024-06-02T05:00:00Z');
    expect((await sched.runDue()).skipped).toEqual(['C1']);
    clock.set('2024-06-02T14:59:00Z'); // 23:59 JST
    expect((await sched.runDue()).posted).toEqual([]);
    expect(slack.postsTo('C1')).toHaveLength(1);

    const post = slack.messages[0]!;
    expect(post.metadata).toEqual({ event_type: STATUS_EVENT_TYPE, event_payload: { local_date: '2024-06-02' } });
    expect(post.blocks.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(post.blocks)).toContain('https://example.slack.com/archives/CLOGS/p1717272000000100'); // thread link
    expect(post.text).toContain('wsus01');
    const row = (await store.status.statusPost('C1', '2024-06-02'))!;
    expect(row.postedTs).toBe(post.ts);
    expect(row.attempts).toBe(1);

    clock.set('2024-06-03T00:00:30Z');
    expect((await sched.runDue()).posted).toEqual(['C1']);
    expect(slack.postsTo('C1')).toHaveLength(2);
    expect(slack.messages[1]!.metadata?.event_payload.local_date).toBe('2024-06-03');
  });

  it('DST in America/New_York: 09:00 local is 14:00Z before the change and 13:00Z after', async () => {
    const clock = clockAt('2024-03-09T13:59:00Z');
    const store = await open();
    await subscribe(store, 'CNY', '09:00', 'America/New_York', '2024-03-01T00:00:00Z');
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock });

    expect((await sched.runDue()).posted).toEqual([]); // 08:59 EST
    clock.set('2024-03-09T14:00:00Z');
    expect((await sched.runDue()).posted).toEqual(['CNY']);
    clock.set('2024-03-10T12:59:00Z'); // 08:59 EDT on the change day
    expect((await sched.runDue()).posted).toEqual([]);
    clock.set('2024-03-10T13:00:00Z'); // 09:00 EDT
    expect((await sched.runDue()).posted).toEqual(['CNY']);
    clock.set('2024-03-11T13:00:00Z');
    expect((await sched.runDue()).posted).toEqual(['CNY']);
    expect(slack.postsTo('CNY').map((m) => m.metadata?.event_payload.local_date)).toEqual(['2024-03-09', '2024-03-10', '2024-03-11']);

    // what the scheduler reports agrees
    await sched.start();
    expect(sched.upcoming(new Date('2024-03-09T15:00:00Z'))).toEqual([
      { channelId: 'CNY', postTime: '09:00', timeZone: 'America/New_York', nextRun: new Date('2024-03-10T13:00:00Z') },
    ]);
  });

  it('DST: a time skipped by the change posts at the first valid time; a repeated time posts once', async () => {
    const clock = clockAt('2024-03-10T06:59:00Z'); // 01:59 EST, just before the jump to 03:00 EDT
    const store = await open();
    await subscribe(store, 'CGAP', '02:30', 'America/New_York', '2024-03-01T00:00:00Z');
    await subscribe(store, 'CREP', '01:30', 'America/New_York', '2024-03-01T00:00:00Z');
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock });
    expect((await sched.runDue()).posted).toEqual(['CREP']);
    clock.set('2024-03-10T07:00:00Z'); // 03:00 EDT
    expect((await sched.runDue()).posted).toEqual(['CGAP']);

    clock.set('2024-11-03T05:30:00Z'); // 01:30 EDT
    expect((await sched.runDue()).posted).toEqual(['CREP']);
    clock.set('2024-11-03T06:30:00Z'); // 01:30 EST, the same wall time again
    expect(await sched.runDue()).toEqual({ posted: [], skipped: ['CREP'], failed: [] });
    clock.set('2024-11-03T07:30:00Z'); // 02:30 EST
    expect(await sched.runDue()).toEqual({ posted: ['CGAP'], skipped: ['CREP'], failed: [] });
    expect(slack.postsTo('CREP')).toHaveLength(2); // 03-10 and 11-03, once each
  });

  it('restart before post time: the new process posts at the time, once', async () => {
    const clock = clockAt('2024-06-01T23:00:00Z'); // 08:00 JST
    const slack = fakeSlack(clock);
    const a = await open();
    await subscribe(a, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const first = scheduler({ store: a, client: slack.client, clock });
    await first.start();
    await first.stop();
    await close(a);
    expect(slack.messages).toHaveLength(0);

    clock.set('2024-06-02T00:00:00Z');
    const b = await open();
    const second = scheduler({ store: b, client: slack.client, clock, instanceId: 'second' });
    expect((await second.runDue()).posted).toEqual(['C1']);
    await second.stop();
    await close(b);

    // and a restart after the post: nothing again
    clock.set('2024-06-02T03:00:00Z');
    const c = await open();
    const third = scheduler({ store: c, client: slack.client, clock, instanceId: 'third' });
    await third.start(); // catch-up run
    await third.stop();
    expect(slack.messages).toHaveLength(1);
  });

  it('restart after post time (down at 09:00): posts on start the same day; not for a subscription made after the time', async () => {
    const clock = clockAt('2024-06-02T02:00:00Z'); // 11:00 JST, the bot was down at 09:00
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    await subscribe(store, 'CNEW', '09:00', 'Asia/Tokyo', '2024-06-02T01:00:00Z'); // subscribed at 10:00 JST
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock });
    await sched.start();
    await sched.stop(); // waits for the catch-up run
    expect(slack.postsTo('C1')).toHaveLength(1);
    expect(slack.postsTo('CNEW')).toHaveLength(0);

    clock.set('2024-06-03T00:00:00Z');
    expect((await sched.runDue()).posted).toEqual(['C1', 'CNEW']);
  });

  it('a crash between claim and post: the day is busy during the lease, then re-claimed and posted once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    // a process claimed and died before calling Slack
    const dead = await store.status.claimPost({
      channelId: 'C1',
      localDate: '2024-06-02',
      now: clock().toISOString(),
      instanceId: 'dead',
      leaseMs: 300_000,
      maxAttempts: 6,
    });
    expect(dead.kind).toBe('claimed');
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock, instanceId: 'alive' });

    clock.advance(60_000);
    expect(await sched.runDue()).toEqual({ posted: [], skipped: ['C1'], failed: [] });
    clock.advance(5 * 60_000);
    expect((await sched.runDue()).posted).toEqual(['C1']);
    expect(slack.messages).toHaveLength(1);
    expect(slack.historyCalls).toHaveLength(0); // it never reached postMessage: no need to look
    expect((await store.status.statusPost('C1', '2024-06-02'))!.attempts).toBe(2);
  });

  it('a crash after chat.postMessage but before the ts was recorded: the message is found, never posted twice', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const slack = fakeSlack(clock);
    const a = await open();
    await subscribe(a, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    slack.failures.push('hang-after-write'); // Slack posts; the process dies before it hears back
    const dying = new StatusScheduler({ store: a, client: slack.client, clock, instanceId: 'dying', sweep: null });
    void dying.runDue();
    await waitUntil('Slack to have the message', () => slack.messages.length === 1, 2000);
    await close(a);

    clock.advance(10 * 60_000);
    const b = await open();
    const sched = scheduler({ store: b, client: slack.client, clock, instanceId: 'restarted' });
    expect((await sched.runDue()).posted).toEqual(['C1']);
    expect(slack.messages).toHaveLength(1);
    expect(slack.historyCalls).toHaveLength(1);
    expect(slack.historyCalls[0]).toMatchObject({ channel: 'C1', include_all_metadata: true });
    expect(Number(slack.historyCalls[0]!.oldest)).toBeLessThanOrEqual(postTimeOn({ postTime: '00:00', timeZone: 'Asia/Tokyo' }, '2024-06-02').getTime() / 1000);
    expect((await b.status.statusPost('C1', '2024-06-02'))!.postedTs).toBe(slack.messages[0]!.ts);
    clock.advance(60 * 60_000);
    expect((await sched.runDue()).skipped).toEqual(['C1']);
    expect(slack.messages).toHaveLength(1);
  });

  it('a crash during the call that never reached Slack: looked for, not found, posted once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const slack = fakeSlack(clock);
    const a = await open();
    await subscribe(a, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    slack.failures.push('hang');
    void new StatusScheduler({ store: a, client: slack.client, clock, instanceId: 'dying', sweep: null }).runDue();
    await waitUntil('the call to hang in Slack', () => slack.postCalls.length === 1, 2000);
    await close(a);

    clock.advance(10 * 60_000);
    const sched = scheduler({ store: await open(), client: slack.client, clock });
    expect((await sched.runDue()).posted).toEqual(['C1']);
    expect(slack.historyCalls).toHaveLength(1);
    expect(slack.messages).toHaveLength(1);
  });

  it('two app instances on one database (one SQLite file, or one PostgreSQL database) post exactly once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const slack = fakeSlack(clock);
    slack.setDelay(15); // both are in flight together
    const a = await open();
    const b = await open();
    for (let i = 0; i < 5; i++) await subscribe(a, `C${i}`, '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const one = scheduler({ store: a, client: slack.client, clock, instanceId: 'one' });
    const two = scheduler({ store: b, client: slack.client, clock, instanceId: 'two' });
    await one.start();
    await two.start();
    const [r1, r2] = await Promise.all([one.runDue(), two.runDue(), one.runDue(), two.runDue()]);
    await Promise.all([one.stop(), two.stop()]);
    expect(slack.messages).toHaveLength(5);
    for (let i = 0; i < 5; i++) expect(slack.postsTo(`C${i}`)).toHaveLength(1);
    expect([...r1!.posted, ...r2!.posted].length).toBeLessThanOrEqual(5);
    expect((await a.status.statusPosts()).every((p) => p.postedTs !== null && p.attempts === 1)).toBe(true);
  });

  // The Web API client waits Retry-After and retries 429s and 5xx inside the call (faults.test.ts, against the real
  // WebClient); what still fails gives the claim back, and the next sweep tries again.
  it('429 (once the client has given up): the day is given back and posted by the next sweep, once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const slack = fakeSlack(clock);
    slack.failures.push(rateLimited(7), platformError('ratelimited'));
    const sched = scheduler({ store, client: slack.client, clock });
    expect((await sched.runDue()).failed).toEqual(['C1']);
    clock.advance(60_000);
    expect((await sched.runDue()).failed).toEqual(['C1']);
    clock.advance(60_000);
    expect((await sched.runDue()).posted).toEqual(['C1']);
    expect((await store.status.statusPost('C1', '2024-06-02'))!.attempts).toBe(3);
    expect(slack.postCalls).toHaveLength(3);
    expect(slack.messages).toHaveLength(1);
    expect(slack.historyCalls).toHaveLength(0); // a 429 is known not to have posted
  });

  it('5xx: the next sweep checks the channel before each re-post; a 5xx after the write is found instead of reposted', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    await subscribe(store, 'C2', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const slack = fakeSlack(clock);
    // C1: 503 (not posted), 500 (not posted), then 502 although Slack did post
    slack.failures.push(httpError(503), httpError(500), { after: 'write', error: httpError(502) });
    const sched = scheduler({ store, client: slack.client, clock });
    for (let i = 0; i < 3; i++) {
      expect(await sched.runDue(clock(), { channelId: 'C1' })).toEqual({ posted: [], skipped: [], failed: ['C1'] });
      clock.advance(60_000);
    }
    expect((await sched.runDue()).posted).toEqual(['C1', 'C2']); // C1: the 502's message found, not posted again
    expect(slack.historyCalls).toHaveLength(3); // looked each time before posting again
    expect(slack.postCalls.filter((c) => c.channel === 'C1')).toHaveLength(3);
    expect(slack.postsTo('C1')).toHaveLength(1);
    expect(slack.postsTo('C2')).toHaveLength(1);
    expect((await store.status.statusPost('C1', '2024-06-02'))!.postedTs).toBe(slack.postsTo('C1')[0]!.ts);
  });

  it('a refusal fails without retrying in the call; the day is retried by a later run, up to maxAttempts', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const slack = fakeSlack(clock);
    slack.failures.push(platformError('not_in_channel'), platformError('not_in_channel'));
    const sched = scheduler({ store, client: slack.client, clock, maxAttempts: 3 });
    expect((await sched.runDue()).failed).toEqual(['C1']);
    expect((await store.status.statusPost('C1', '2024-06-02'))!.lastError).toBe('not_in_channel');
    clock.advance(60_000);
    expect((await sched.runDue()).failed).toEqual(['C1']);
    clock.advance(60_000);
    expect((await sched.runDue()).posted).toEqual(['C1']); // invited in the meantime
    expect(slack.postCalls).toHaveLength(3);
    expect(slack.messages).toHaveLength(1);

    // out of attempts: give up for the day
    await subscribe(store, 'C2', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    slack.failures.push(...[1, 2, 3].map(() => platformError('channel_not_found')));
    for (let i = 0; i < 3; i++) expect((await sched.runDue(clock(), { channelId: 'C2' })).failed).toEqual(['C2']);
    expect((await sched.runDue(clock(), { channelId: 'C2' })).skipped).toEqual(['C2']);
  });

  it('never posts blind: when the channel cannot be checked after an uncertain failure, it fails and retries later', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const slack = fakeSlack(clock);
    slack.failures.push({ after: 'write', error: httpError(504) });
    slack.failHistory(1);
    const sched = scheduler({ store, client: slack.client, clock });
    expect((await sched.runDue()).failed).toEqual(['C1']); // the 504
    expect(slack.messages).toHaveLength(1);
    clock.advance(60_000);
    expect((await sched.runDue()).failed).toEqual(['C1']); // the channel cannot be checked: not posted blind
    expect(slack.historyCalls).toHaveLength(1);
    expect(slack.messages).toHaveLength(1);
    clock.advance(60_000);
    expect((await sched.runDue()).posted).toEqual(['C1']); // found it this time
    expect(slack.messages).toHaveLength(1);
  });

  it('start/refresh/stop: when each subscription posts next, re-synced on change', async () => {
    const clock = clockAt('2024-06-01T12:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock, sweep: '*/5 * * * *' });
    await sched.start();
    expect(sched.upcoming().map((j) => [j.channelId, j.nextRun?.toISOString()])).toEqual([['C1', '2024-06-02T00:00:00.000Z']]);
    await subscribe(store, 'C2', '18:30', 'Europe/London', '2024-06-01T12:00:00Z');
    await subscribe(store, 'C1', '08:15', 'Asia/Tokyo', '2024-05-01T00:00:00Z');
    await sched.refresh();
    expect(sched.upcoming().map((j) => [j.channelId, j.nextRun?.toISOString()])).toEqual([
      ['C1', '2024-06-01T23:15:00.000Z'],
      ['C2', '2024-06-01T17:30:00.000Z'],
    ]);
    await store.status.deleteSubscription('C1');
    await sched.refresh();
    expect(sched.upcoming().map((j) => j.channelId)).toEqual(['C2']);
    await sched.stop();
    expect(sched.upcoming()).toEqual([]);
  });

  it('dueToday and postedAfter', () => {
    const sub = {
      channelId: 'C',
      teamId: null,
      postTime: '09:00',
      timeZone: 'Asia/Tokyo',
      lang: 'en' as const,
      createdBy: null,
      createdAt: '2024-01-01T00:00:00Z',
    };
    expect(dueToday(sub, new Date('2024-06-01T23:59:59Z')).due).toBe(false);
    expect(dueToday(sub, new Date('2024-06-02T00:00:00Z'))).toMatchObject({ due: true, localDate: '2024-06-02' });
    // 'no': Slack answered that it did not post; 'unknown': it may have, look in the channel before posting again
    expect(postedAfter(rateLimited(3))).toBe('no');
    expect(postedAfter(httpError(502))).toBe('unknown');
    expect(postedAfter({ code: 'slack_webapi_request_error', message: 'socket hang up' })).toBe('unknown');
    expect(postedAfter(platformError('internal_error'))).toBe('unknown');
    expect(postedAfter(platformError('channel_not_found'))).toBe('no');
  });

  it('retention purges the daily-post records older than HISTORY_DAYS, keeping recent days exactly-once', async () => {
    const clock = clockAt('2024-06-02T00:00:00Z');
    const store = await open();
    await subscribe(store, 'C1', '09:00', 'Asia/Tokyo', '2024-01-01T00:00:00Z');
    const slack = fakeSlack(clock);
    const sched = scheduler({ store, client: slack.client, clock });
    for (const day of ['2024-03-01', '2024-05-31', '2024-06-01']) expect((await sched.runDue(new Date(`${day}T00:00:00Z`))).posted).toEqual(['C1']);
    const result = await purgeOnce({ store, historyDays: 30, clock });
    expect(result.statusPosts).toBe(1);
    expect((await store.status.statusPosts('C1')).map((p) => p.localDate)).toEqual(['2024-05-31', '2024-06-01']);
    expect((await sched.runDue(new Date('2024-06-01T05:00:00Z'))).skipped).toEqual(['C1']); // still once
    expect(slack.messages).toHaveLength(3);
  });
});
