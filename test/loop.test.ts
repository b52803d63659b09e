// The loop closes — diagnose → fix → verify → the fleet shows it. Verification output is attributed to its
// server (thread, message, a button or a reply), one failure is one record across pastes, a mention and an edit are
// answered once. Real Bolt app, real signed HTTP, fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_FOR_ACTION_IDS } from '../src/render/action-ids.js';
import { SIGNING_SECRET, handleBaseline, pasteAnswered, postsIn as postsInChannel, startTestBot, type TestBot } from './support/bot.js';
import { buttonsIn, visibleText } from './support/block-kit.js';
import { clientExampleOn, KB_CLIENT_EXAMPLE, serverLogLine } from './support/fixtures.js';
import {
  appHomeOpened,
  blockAction,
  eventCallback,
  messageEvent,
  postEvent,
  postInteraction,
  postSlashCommand,
  slackTs,
  slashCommand,
  type RecordedCall,
} from './support/index.js';

const ADMIN = 'UADMIN';
const NOBODY = 'UNOBODY';
const DLL_LINE = 'Microsoft.UpdateServices.WebServices.Client.dll 3.1.6001.66';
const FIX_EVENT_LINE =
  "MsiInstaller 1022 08/13/2008 10:12:33 Product: Microsoft Windows Server Update Services 3.0 SP1 - Update 'KB954960' installed successfully.";
/** What the verification commands print when they name no computer. */
const VERIFICATION = [DLL_LINE, FIX_EVENT_LINE].join('\n');
/** The client's side of a failure without the server URL line: only its fault ID can say which server. */
const clientWithoutServer = (id: string) =>
  KB_CLIENT_EXAMPLE.split('\n')
    .filter((l) => !l.includes('Server URL'))
    .join('\n')
    .replace(/c0a7445f-b989-43fa-ac20-11f8ca65fa8c/g, id);

let channelSeq = 0;
const freshChannel = () => `C${String(++channelSeq).padStart(6, '0')}LOOP`;

let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('closing the loop (ADMIN_USER_IDS=UADMIN)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { ADMIN_USER_IDS: ADMIN } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const postsIn = (channel: string) => postsInChannel(t, channel);
  const shown = (c: RecordedCall) => visibleText(c.body.blocks);
  /** The ts of the bot's answer to a message, as the bot recorded it. */
  const replyTsOf = async (channel: string, ts: string) =>
    (await t.storage.history.list({ limit: 1000 })).find((h) => h.channelId === channel && h.messageTs === ts)?.replyTs ?? null;

  const paste = (channel: string, text: string, extra: { user?: string; thread_ts?: string } = {}) =>
    pasteAnswered(t, channel, text, { user: extra.user ?? ADMIN, thread_ts: extra.thread_ts });

  async function slash(text: string, user = ADMIN): Promise<{ text: string; shown: string }> {
    const responseUrl = t.fake.responseUrl();
    expect((await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, response_url: responseUrl }))).status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return { text: String(call.body.text), shown: call.body.blocks ? visibleText(call.body.blocks) : String(call.body.text) };
  }

  it('paste → reply → verification output in the thread → the server is fixed, with its proof, and status counts it', async () => {
    const channel = freshChannel();
    const root = await paste(channel, clientExampleOn('wsus01'));
    expect(shown(root.reply)).toContain('*wsus01*');
    expect(root.reply.body.thread_ts).toBe(root.ts);
    expect((await slash('status')).text).toMatch(/wsus01/);

    // The admin verifies on the server and pastes what the commands print — no computer name in it — in that thread.
    const verified = await paste(channel, VERIFICATION, { thread_ts: root.ts });
    expect(verified.reply.body.thread_ts).toBe(root.ts);
    expect(shown(verified.reply)).toContain('*wsus01*');
    expect(shown(verified.reply)).not.toContain('Which server');
    expect(await t.storage.servers.facts('wsus01')).toMatchObject({ dllVersion: '3.1.6001.66', fixEventAt: expect.any(String) });

    const server = await slash('server wsus01');
    expect(server.shown).toContain('3.1.6001.66');
    expect(server.shown).toContain(`<@${ADMIN}>`); // recorded by whom
    expect(server.shown).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|[^>]+>/); // when, in the reader's time
    expect(server.shown).toContain('https://example.slack.com/archives/'); // from which thread
    expect(server.shown).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/);

    const status = await slash('status');
    expect(status.text).not.toMatch(/Fix the \d+ affected/);
    expect(status.text).toMatch(/fixed/i);
    // App Home, for whoever opens it: each server with its state and proof.
    await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user: NOBODY }));
    const home = await t.fake.waitFor('views.publish', (c) => c.body.user_id === NOBODY);
    expect(visibleText(home.body.view)).toMatch(/\*wsus01\* — fixed · DLL 3\.1\.6001\.66, <!date\^\d+\^[^>]+> by <@UADMIN>/);
  });

  it('"on wsus02:" in front of the output names its server', async () => {
    const channel = freshChannel();
    const { reply } = await paste(channel, `on wsus02:\n${DLL_LINE}`);
    expect(shown(reply)).toContain('*wsus02*');
    expect((await t.storage.servers.facts('wsus02'))?.dllVersion).toBe('3.1.6001.66');
  });

  it("output that names no server, where none is known: the reply asks, a non-admin's click records nothing, an admin's records and says so", async () => {
    const channel = freshChannel();
    const { ts, reply } = await paste(channel, DLL_LINE.replace('.66', '.65'), { user: NOBODY });
    // What to do first, then why it is asked.
    expect(shown(reply)).toContain(
      "*Which server is this output from?* Press the server's button or reply in this thread with its name to record it — the output names no computer (DLL 3.1.6001.65).",
    );
    expect(shown(reply)).toContain('*Server:* not named yet');
    // Every button of the block that holds the "Record for" buttons (not only those with a known id).
    const posted = buttonsIn(reply.body.blocks);
    const recordFor = posted.find((b) => (RECORD_FOR_ACTION_IDS as readonly string[]).includes(b.element.action_id));
    const buttons = posted.filter((b) => b.blockId === recordFor!.blockId).map((b) => b.element);
    expect(buttons.length).toBeGreaterThan(0);
    expect(buttons.length).toBeLessThanOrEqual(RECORD_FOR_ACTION_IDS.length);
    const forWsus01 = buttons.find((b) => (b.text as { text: string }).text === 'Record for wsus01')!;
    expect((forWsus01.value as string).length).toBeLessThanOrEqual(2000);
    const before = await t.storage.servers.facts('wsus01');
    const question = (await replyTsOf(channel, ts))!;
    const click = (user: string) =>
      postInteraction(
        t.events,
        SIGNING_SECRET,
        blockAction({
          action_id: forWsus01.action_id,
          user,
          element: forWsus01,
          container: { type: 'message', channel, message_ts: question, blocks: reply.body.blocks as unknown[] },
        }),
      );

    expect((await click(NOBODY)).status).toBe(200);
    const ephemeral = await t.fake.waitFor('chat.postEphemeral', (c) => c.body.user === NOBODY && c.body.channel === channel);
    expect(String(ephemeral.body.text)).toBe(`Nothing was recorded: only the admins (ADMIN_USER_IDS) can record server versions and fixes — ask <@${ADMIN}>.`);
    await t.idle();
    expect(await t.storage.servers.facts('wsus01')).toEqual(before);
    expect(t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel)).toHaveLength(0);

    expect((await click(ADMIN)).status).toBe(200);
    const update = await t.fake.waitFor('chat.update', (c) => c.body.channel === channel);
    expect(visibleText(update.body.blocks)).toContain(`Recorded for *wsus01* by <@${ADMIN}>: DLL 3.1.6001.65`);
    expect(visibleText(update.body.blocks)).not.toContain('Record for wsus01');
    expect(visibleText(update.body.blocks)).toContain('*Server:* *wsus01* —');
    expect(visibleText(update.body.blocks)).not.toContain('not named');
    expect((await t.storage.servers.facts('wsus01'))?.dllVersion).toBe('3.1.6001.65');
  });

  it('a Record button whose output is no longer kept says so, and what to do instead', async () => {
    const channel = freshChannel();
    const { ts, reply } = await paste(channel, DLL_LINE.replace('.66', '.64'));
    const actions = (reply.body.blocks as { type: string; elements?: { action_id: string; value?: string; text: { text: string } }[] }[]).find(
      (b) => b.type === 'actions' && b.elements?.some((e) => e.action_id.startsWith('kb954960_record_for')),
    );
    const button = actions!.elements![0]!;
    // The diagnosis the button points at, as if purged with the history since the question was asked.
    const value = JSON.parse(button.value!) as { d: number; s: string };
    const purged = { ...button, value: JSON.stringify({ ...value, d: value.d + 1_000_000 }) };
    const response = await postInteraction(
      t.events,
      SIGNING_SECRET,
      blockAction({
        action_id: purged.action_id,
        user: ADMIN,
        element: purged,
        container: { type: 'message', channel, message_ts: (await replyTsOf(channel, ts))!, blocks: reply.body.blocks as unknown[] },
      }),
    );
    expect(response.status).toBe(200);
    const ephemeral = await t.fake.waitFor('chat.postEphemeral', (c) => c.body.user === ADMIN && c.body.channel === channel);
    expect(String(ephemeral.body.text)).toBe('This output is no longer on record (past the history window): paste it again to record it.');
    await t.idle();
    expect(t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel)).toHaveLength(0);
  });

  it('"reply in this thread with the server name" records the asked-about output for that server, and the question shows it', async () => {
    const channel = freshChannel();
    const root = await paste(channel, FIX_EVENT_LINE);
    expect(shown(root.reply)).toContain('Which server');
    expect(await t.storage.servers.facts('wsus05')).toBeNull();
    const question = (await replyTsOf(channel, root.ts))!;

    // A non-admin's answer records nothing and leaves the question as it is.
    const refused = await paste(channel, 'wsus05', { thread_ts: root.ts, user: NOBODY });
    expect(shown(refused.reply)).toMatch(/^Nothing was recorded: .* ask <@UADMIN>\.$/);
    expect(t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel)).toHaveLength(0);

    const named = await paste(channel, 'wsus05', { thread_ts: root.ts });
    expect(shown(named.reply)).toContain(`Recorded for *wsus05* by <@${ADMIN}>`);
    expect((await t.storage.servers.facts('wsus05'))?.fixEventAt).toEqual(expect.any(String));
    // The question is edited as a button's answer edits it: what was recorded instead of the question and its
    // buttons, the Server line naming the server — read from Slack, since a reply in the thread does not carry it.
    const updates = t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel);
    expect(updates).toHaveLength(1);
    expect(updates[0]!.body.ts).toBe(question);
    const edited = visibleText(updates[0]!.body.blocks);
    expect(edited).toContain(`:white_check_mark: Recorded for *wsus05* by <@${ADMIN}>: the fix event (MsiInstaller 1022). Now: fixed.`);
    expect(edited).toContain('*Server:* *wsus05* — fixed');
    expect(edited).not.toMatch(/Which server|Record for|not named/);
    expect(edited).toContain('MsiInstaller 1022 08/13/2008'); // the rest of the reply stays
    expect(t.fake.callsTo('conversations.replies').some((c) => c.body.channel === channel && c.body.ts === root.ts)).toBe(true);
    // The source of the recorded fact links the thread.
    expect(t.fake.callsTo('chat.getPermalink').some((c) => c.body.channel === channel && c.body.message_ts === question)).toBe(true);
  });

  it('a client paste and a later server paste with the same fault ID: two diagnoses on that server, the second links the first', async () => {
    const id = '0f3c5a8e-1b2d-4e6f-9a7b-8c9d0e1f2a3b';
    const first = await paste(freshChannel(), clientWithoutServer(id), { user: NOBODY });
    expect(shown(first.reply)).not.toContain('*wsus07*');
    const second = await paste(freshChannel(), serverLogLine('wsus07', id), { user: NOBODY });
    expect(shown(second.reply)).toContain('this confirms <https://example.slack.com/archives/');
    expect(shown(second.reply)).toContain(id);
    const firstChannel = String(first.reply.body.channel);
    const firstAnswer = await replyTsOf(firstChannel, first.ts);
    expect(t.fake.callsTo('chat.getPermalink').some((c) => c.body.channel === firstChannel && c.body.message_ts === firstAnswer)).toBe(true);
    const onServer = await t.storage.history.list({ server: 'wsus07' });
    expect(onServer).toHaveLength(2);
    expect(onServer.map((h) => h.origin)).toEqual(['message', 'message']);
  });

  it("within one paste, a client's fault ID belongs to its own sync attempt's server", async () => {
    const ok = [
      'PT  +++++++++++  PT: Synchronizing server updates  +++++++++++',
      'PT    + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus-old/ClientWebService/client.asmx',
    ];
    const { reply } = await paste(freshChannel(), [...ok, clientExampleOn('wsus08')].join('\n'), { user: NOBODY });
    expect(shown(reply)).toContain('*wsus08*');
    expect(await t.storage.history.list({ server: 'wsus08' })).toHaveLength(1);
  });

  it("files uploaded together are diagnosed together: one answer, the client's failure on the server log's server", async () => {
    const channel = freshChannel();
    const id = '1a2b3c4d-0000-4000-8000-00000000000a';
    const client = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: clientWithoutServer(id) });
    const server = t.fake.fileHost.addFile({ name: 'SoftwareDistribution.log', bytes: serverLogLine('wsus09', id) });
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, text: '', files: [client, server], user: NOBODY }));
    await t.idle();
    const posts = postsIn(channel);
    expect(posts).toHaveLength(1);
    expect(shown(posts[0]!)).toContain('*wsus09*');
    expect((await t.storage.history.list({ server: 'wsus09' }))[0]?.sourceName).toBe('WindowsUpdate.log, SoftwareDistribution.log');
  });

  describe('conversation edges', () => {
    const mention = (channel: string, ts: string, text: string, user = NOBODY) =>
      eventCallback({ type: 'app_mention', user, text, ts, event_ts: ts, channel, team: 'T1' });

    it('"@kb954960 is wsus01 fixed?" answers with the server\'s state', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, mention(channel, ts, '<@UBOT> is wsus01 fixed?'));
      await t.idle();
      const posts = postsIn(channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.thread_ts).toBe(ts);
      expect(shown(posts[0]!)).toContain('wsus01');
      expect(String(posts[0]!.body.text)).toMatch(/^wsus01: /);
    });

    it('a mention with a log, delivered as app_mention and as message: scanned like a paste, answered once', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const text = `<@UBOT> ${clientExampleOn('wsus10')}`;
      await Promise.all([
        postEvent(t.events, SIGNING_SECRET, mention(channel, ts, text)),
        postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text, user: NOBODY })),
      ]);
      await t.idle();
      const posts = postsIn(channel);
      expect(posts).toHaveLength(1);
      expect(shown(posts[0]!)).toContain('*wsus10*');
    });

    it('an edit that now holds evidence is answered once; a later edit updates that answer instead of repeating it', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: 'one moment, pasting the log', user: NOBODY }));
      await t.idle();
      expect(postsIn(channel)).toHaveLength(0);
      const edit = (text: string, previous: string) =>
        messageEvent({
          channel,
          subtype: 'message_changed',
          text: '',
          user: undefined,
          message: { type: 'message', user: NOBODY, text, ts, edited: { user: NOBODY, ts: slackTs() } },
          previous_message: { type: 'message', user: NOBODY, text: previous, ts },
        });
      const first = edit(clientExampleOn('wsus11'), 'one moment, pasting the log');
      await postEvent(t.events, SIGNING_SECRET, first);
      await postEvent(t.events, SIGNING_SECRET, first, { retryNum: 1, retryReason: 'http_timeout' }); // a redelivery
      await t.idle();
      const posts = postsIn(channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.thread_ts).toBe(ts);
      expect(shown(posts[0]!)).toContain('*wsus11*');

      await postEvent(t.events, SIGNING_SECRET, edit(clientExampleOn('wsus12'), clientExampleOn('wsus11')));
      await t.idle();
      expect(postsIn(channel)).toHaveLength(1);
      const updates = t.fake.callsTo('chat.update').filter((c) => c.body.channel === channel);
      expect(updates).toHaveLength(1);
      expect(updates[0]!.body.ts).toBe(await replyTsOf(channel, ts));
      expect(visibleText(updates[0]!.body.blocks)).toContain('*wsus12*');
      expect((await t.storage.history.list({ server: 'wsus11' })).filter((h) => h.messageTs === ts)).toHaveLength(0);
      expect((await t.storage.history.list({ server: 'wsus12' })).filter((h) => h.messageTs === ts)).toHaveLength(1);
    });
  });
});
