import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { messageEvent, postEvent, slackTs } from './support/index.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { refuseInserts } from './support/storage.js';

// When the work cannot be written down, Slack must not be told it arrived: it delivers it again, and the retry is
// answered once the database takes writes again.
describe('a paste the database cannot take is not acked', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(() => t.close());

  it('answers 500 while inserts fail, then the redelivery is answered once', async () => {
    const channel = 'CWRITEFAIL';
    const ts = slackTs();
    const envelope = messageEvent({ channel, ts, text: KB_CLIENT_EXAMPLE });
    const allowInserts = await refuseInserts(t, 'slack_inbox');
    expect(typeof envelope.event.text).toBe('string');
    const refused = await postEvent(t.events, SIGNING_SECRET, envelope);
    expect(refused.status).toBe(500);
    expect(refused.body).not.toMatch(/at .*\.js|SqliteError|DatabaseError|disk is full/); // no stack trace or internals to Slack
    expect(t.logs.some((l) => l.msg === 'could not write Slack work to the database; Slack will deliver it again')).toBe(true);
    await t.idle();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)).toHaveLength(0);

    await allowInserts();
    const redelivered = await postEvent(t.events, SIGNING_SECRET, envelope, { retryNum: 1, retryReason: 'http_error' });
    expect(redelivered.status).toBe(200);
    await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
    await t.idle();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel)).toHaveLength(1);
  });
});
