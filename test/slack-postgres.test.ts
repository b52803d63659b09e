// The whole bot on PostgreSQL (DATABASE_URL's engine), against the fake Slack: a paste is written to the work queue in
// PostgreSQL before the ack, answered in its thread and recorded there; /healthz says 503 once the database is gone.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgresStorage } from '../db/postgres/storage.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { KB_SERVER_LINE } from './support/fixtures.js';
import { messageEvent, slackTs } from './support/payloads.js';
import { testDatabase } from './support/postgres.js';
import { get, postEvent } from './support/sign.js';

let t: TestBot;
let url: string;
beforeAll(async () => {
  url = await testDatabase();
  t = await startTestBot({ storage: () => openPostgresStorage(url) });
});
afterAll(async () => {
  await t?.close();
});

describe('the bot on PostgreSQL', () => {
  it('a channel paste: queued, answered once in its thread, recorded with the reply', async () => {
    expect(t.storage.engine).toBe('postgres');
    const channel = 'C0PGTEST';
    const ts = slackTs();
    const event = messageEvent({ channel, ts, text: KB_SERVER_LINE });
    expect((await postEvent(t.events, SIGNING_SECRET, event)).status).toBe(200);
    // Slack delivers it again (a retry): the work queue in PostgreSQL knows its key.
    expect((await postEvent(t.events, SIGNING_SECRET, event)).status).toBe(200);
    const item = await t.worked(`message:${channel}:${ts}`);
    expect(item).toMatchObject({ outcome: 'replied', attempts: 1 });
    const posts = t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.thread_ts).toBe(ts);
    const [entry] = await t.storage.history.list({ server: 'wsusebc' });
    expect(entry).toMatchObject({ origin: 'message', verdict: 'affected', channelId: channel, messageTs: ts, replyTs: item.replyTs });
  });

  it('/healthz: 200 while the database answers, 503 once it is gone', async () => {
    expect((await get(`${t.url}/healthz`)).status).toBe(200);
    const admin = new URL(url);
    const name = admin.pathname.slice(1);
    admin.pathname = '/postgres';
    const client = new pg.Client({ connectionString: admin.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE ${name} WITH (FORCE)`);
    } finally {
      await client.end();
    }
    const down = await get(`${t.url}/healthz`);
    expect(down.status).toBe(503);
    expect(JSON.parse(down.body)).toEqual({ ok: false });
  });
});
