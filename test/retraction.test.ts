// Retraction: a deleted message, or one edited so that it no longer holds the log, no longer counts — not in the
// history, the server view, the status — and the bot's answer to it is deleted or says so. Real Bolt app, real signed
// HTTP, fake Slack, real storage (SQLite, or PostgreSQL on the second pass); the retraction goes through the durable
// work queue.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBLEM_PACKS } from '../src/detect/problems/index.js';
import { SIGNING_SECRET, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { clientExampleOn } from './support/fixtures.js';
import { eventCallback, messageEvent, postEvent, postSlashCommand, slackError, slackTs, slashCommand } from './support/index.js';

const ADMIN = 'UADMIN';
const APP_POOL_503 = PROBLEM_PACKS.find((p) => p.id === 'wsus-app-pool-503')!.examples.present[0]!;
const log503On = (server: string) => `2024-05-30\t10:02:10:000\t 912\t1a2c\tMisc\tWSUS server: http://${server}\n${APP_POOL_503}`;

let seq = 0;
const fresh = (what: string) => `${what}${String(++seq).padStart(4, '0')}`;

async function slash(t: TestBot, text: string): Promise<string> {
  const responseUrl = t.fake.responseUrl();
  expect((await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: ADMIN, response_url: responseUrl }))).status).toBe(200);
  const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
  const blocks = call.body.blocks as never[] | undefined;
  return blocks ? visibleText(blocks) : String(call.body.text);
}

/** Pastes `text` in a fresh channel as the admin; returns where, and the ts of the bot's answer. */
async function paste(t: TestBot, text: string): Promise<{ channel: string; ts: string; replyTs: string }> {
  const channel = fresh('CRETRACT');
  const ts = slackTs();
  expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: ADMIN, text, ts }))).status).toBe(200);
  await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
  await t.idle();
  const replyTs = (await t.storage.inbox.item(`message:${channel}:${ts}`))?.replyTs;
  expect(replyTs).toEqual(expect.any(String));
  return { channel, ts, replyTs: replyTs! };
}

function deleted(channel: string, ts: string, text: string, user = ADMIN) {
  return eventCallback({
    type: 'message',
    subtype: 'message_deleted',
    hidden: true,
    channel,
    channel_type: 'channel',
    ts: slackTs(),
    deleted_ts: ts,
    event_ts: slackTs(),
    previous_message: { type: 'message', user, text, ts },
  });
}

function edited(channel: string, ts: string, before: string, after: string) {
  const editTs = slackTs();
  return eventCallback({
    type: 'message',
    subtype: 'message_changed',
    hidden: true,
    channel,
    channel_type: 'channel',
    ts: editTs,
    event_ts: editTs,
    message: { type: 'message', user: ADMIN, text: after, ts, edited: { user: ADMIN, ts: editTs } },
    previous_message: { type: 'message', user: ADMIN, text: before, ts },
  });
}

let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('retraction (ADMIN_USER_IDS=UADMIN)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('a deleted KB954960 paste: gone from history, server and status; the answer is deleted', async () => {
    const server = fresh('wsusdel');
    const text = clientExampleOn(server);
    const { channel, ts, replyTs } = await paste(t, text);
    expect((await t.storage.servers.facts(server))?.lastAffectedAt).toEqual(expect.any(String));
    expect(await slash(t, 'status')).toContain(server);

    expect((await postEvent(t.events, SIGNING_SECRET, deleted(channel, ts, text))).status).toBe(200);
    await t.fake.waitFor('chat.delete', (c) => c.body.channel === channel && c.body.ts === replyTs);
    await t.idle();
    expect(await t.storage.history.list({ server })).toEqual([]);
    expect((await t.storage.servers.facts(server))?.lastAffectedAt ?? null).toBeNull();
    expect(await slash(t, `history ${server}`)).toContain('No diagnoses yet.');
    expect(await slash(t, `server ${server}`)).toContain(`Nothing is known of ${server} yet.`);
    expect(await slash(t, 'status')).not.toContain(server);
    // Worked through the durable queue, like every piece of Slack work.
    expect(await t.storage.inbox.item(`retract:${channel}:${ts}`)).toEqual(expect.objectContaining({ kind: 'retract', outcome: 'replied' }));
  });

  it("an earlier failure on record stays: only the deleted message's goes", async () => {
    const server = fresh('wsuskeep');
    await paste(t, clientExampleOn(server));
    const first = (await t.storage.servers.facts(server))!.lastAffectedAt;
    const second = await paste(t, clientExampleOn(server));
    await postEvent(t.events, SIGNING_SECRET, deleted(second.channel, second.ts, clientExampleOn(server)));
    await t.fake.waitFor('chat.delete', (c) => c.body.ts === second.replyTs);
    await t.idle();
    expect(await t.storage.history.list({ server })).toHaveLength(1);
    expect((await t.storage.servers.facts(server))?.lastAffectedAt).toBe(first);
  });

  it('edited to "moved to #wsus-ops": the 503 no longer counts and the answer says it was withdrawn', async () => {
    const server = fresh('wsusmoved');
    const text = log503On(server);
    const { channel, ts, replyTs } = await paste(t, text);
    expect(await slash(t, `server ${server}`)).toContain('HTTP 503');

    expect((await postEvent(t.events, SIGNING_SECRET, edited(channel, ts, text, 'moved to #wsus-ops'))).status).toBe(200);
    const update = await t.fake.waitFor('chat.update', (c) => c.body.channel === channel && c.body.ts === replyTs);
    await t.idle();
    expect(String(update.body.text)).toContain('no longer holds the log: its diagnosis was withdrawn');
    expect(await t.storage.history.list({ server })).toEqual([]);
    expect(await slash(t, `server ${server}`)).not.toContain('HTTP 503');
    expect(await slash(t, 'status')).not.toContain(server);
  });

  it("a file's caption edited: the file's answer and diagnosis stay (the caption alone is no log)", async () => {
    const server = fresh('wsuscaption');
    const channel = fresh('CCAPTION');
    const ts = slackTs();
    const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: Buffer.from(log503On(server)), mimetype: 'text/plain', filetype: 'text' });
    expect((await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: ADMIN, ts, text: 'see attached', files: [file] }))).status).toBe(200);
    await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
    await t.idle();
    expect(await t.storage.history.list({ server })).toHaveLength(1);
    // Edited to hold lines of its own: answered as a caption, they would replace the file's answer.
    const edit = edited(channel, ts, 'see attached', `see attached\n${log503On(fresh('wsusother'))}`);
    (edit.event as { message: { files?: unknown[] } }).message.files = [file];
    expect((await postEvent(t.events, SIGNING_SECRET, edit)).status).toBe(200);
    await t.idle();
    expect(t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel)).toEqual([]);
    expect(await t.storage.history.list({ server })).toHaveLength(1);
  });

  it('an edit that still holds a log is diagnosed again, and counts once', async () => {
    const before = fresh('wsusbefore');
    const after = fresh('wsusafter');
    const { channel, ts, replyTs } = await paste(t, clientExampleOn(before));
    await postEvent(t.events, SIGNING_SECRET, edited(channel, ts, clientExampleOn(before), clientExampleOn(after)));
    const update = await t.fake.waitFor('chat.update', (c) => c.body.channel === channel && c.body.ts === replyTs);
    await t.idle();
    expect(visibleText(update.body.blocks as never)).toContain(after);
    expect(await t.storage.history.list({ server: before })).toEqual([]);
    expect((await t.storage.servers.facts(before))?.lastAffectedAt ?? null).toBeNull();
    expect(await t.storage.history.list({ server: after })).toEqual([expect.objectContaining({ verdict: 'affected' })]);
  });

  it("a thread's first message deleted with replies left (a tombstone) is retracted too", async () => {
    const server = fresh('wsustomb');
    const text = clientExampleOn(server);
    const { channel, ts, replyTs } = await paste(t, text);
    const tombstone = eventCallback({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel,
      channel_type: 'channel',
      ts: slackTs(),
      event_ts: slackTs(),
      message: { type: 'message', subtype: 'tombstone', user: 'USLACKBOT', text: 'This message was deleted.', ts, thread_ts: ts, hidden: true, reply_count: 1 },
      previous_message: { type: 'message', user: ADMIN, text, ts, thread_ts: ts },
    });
    expect((await postEvent(t.events, SIGNING_SECRET, tombstone)).status).toBe(200);
    await t.fake.waitFor('chat.delete', (c) => c.body.ts === replyTs);
    await t.idle();
    expect(await t.storage.history.list({ server })).toEqual([]);
  });

  it('a failed attempt is tried again and still finds the answer to delete (the diagnosis already gone)', async () => {
    const server = fresh('wsusretry');
    const text = clientExampleOn(server);
    const { channel, ts, replyTs } = await paste(t, text);
    t.fake.respondWith('chat.delete', slackError('internal_error'), { times: 1 });
    await postEvent(t.events, SIGNING_SECRET, deleted(channel, ts, text));
    await t.idle();
    const deletes = t.fake.calls.filter((c) => c.method === 'chat.delete' && c.body.ts === replyTs);
    expect(deletes).toHaveLength(2);
    expect(await t.storage.history.list({ server })).toEqual([]);
    expect(await t.storage.inbox.item(`retract:${channel}:${ts}`)).toEqual(expect.objectContaining({ outcome: 'replied', attempts: 2 }));
  });

  it('the bot deleting its own answer retracts nothing', async () => {
    const server = fresh('wsusown');
    const { channel, replyTs } = await paste(t, clientExampleOn(server));
    await postEvent(
      t.events,
      SIGNING_SECRET,
      eventCallback({
        type: 'message',
        subtype: 'message_deleted',
        hidden: true,
        channel,
        channel_type: 'channel',
        ts: slackTs(),
        deleted_ts: replyTs,
        event_ts: slackTs(),
        previous_message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: 'x', ts: replyTs },
      }),
    );
    await t.idle();
    expect(await t.storage.history.list({ server })).toHaveLength(1);
    expect(await t.storage.inbox.item(`retract:${channel}:${replyTs}`)).toBeNull();
  });
});
