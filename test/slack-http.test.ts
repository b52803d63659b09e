// e2e, HTTP mode: the real Bolt app from createBot() on 127.0.0.1:0, real signatures, real storage (SQLite, or
// PostgreSQL on the second pass), the fake Slack for the Web API, response_url and the file host.
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINKS } from '../src/kb954960.js';
import { en } from '../src/render/messages/en.js';
import { REPLY_EVENT_TYPE, type MessageWork } from '../src/slack/work/message.js';
import { instanceId } from '../src/slack/inbox.js';
import { BOT_TOKEN, SIGNING_SECRET, handleBaseline, rawPost, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { clientExampleOn } from './support/fixtures.js';
import { get, messageEvent, messageShortcut, postEvent, postInteraction, postSlashCommand, slackTs, slashCommand, viewSubmission } from './support/index.js';

// ── fixtures: the lines of docs/kb954960.md "How to tell" ─────────────────────────────────────────────────────────
/** The KB's client example as people paste it (TABs lost), server named wsus01. */
const CLIENT_PASTE = clientExampleOn('wsus01');

/** The same failure as a classic WindowsUpdate.log file: TAB-separated, CRLF, with routine lines around it. */
function clientLogFile(): string {
  const at = (i: number, component: string, text: string) => `2008-08-12\t09:15:${String(10 + i).padStart(2, '0')}:203\t 940\tf54\t${component}\t${text}`;
  const lines = [
    at(0, 'AU', '## START ##  AU: Search for updates'),
    at(1, 'Agent', '** START **  Agent: Finding updates [CallerId = AutomaticUpdates]'),
    at(2, 'PT', '+++++++++++  PT: Synchronizing server updates  +++++++++++'),
    at(2, 'PT', '  + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus02/ClientWebService/client.asmx'),
    at(3, 'PT', 'WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200'),
    at(3, 'PT', 'WARNING: SOAP Fault: 0x000190'),
    at(3, 'PT', 'WARNING:     faultstring:Fault occurred'),
    at(3, 'PT', 'WARNING:     ErrorCode:InternalServerError(5)'),
    at(3, 'PT', 'WARNING:     Message:(null)'),
    at(3, 'PT', 'WARNING:     Method:"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/SyncUpdates"'),
    at(3, 'PT', 'WARNING:     ID:c0a7445f-b989-43fa-ac20-11f8ca65fa8c'),
    at(3, 'PT', 'WARNING: PTError: 0x8024400e'),
    at(4, 'Agent', '  * WARNING: Failed to synchronize, error = 0x8024400E'),
    at(5, 'AU', '# WARNING: Search callback failed, result = 0x8024400E'),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);

/** The server line as Slack delivers a paste of it: the URL auto-linked. Line 3 of the message. */
const SERVER_PASTE = [
  'our WSUS box logged this overnight:',
  '(SoftwareDistribution.log)',
  '2008-06-14 02:59:57.642 UTC Warning w3wp.12 SoapUtilities.CreateException ThrowException: actor = <http://wsusebc/ClientWebService/client.asmx|http://wsusebc/ClientWebService/client.asmx>, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?',
].join('\n');

/** SERVER_PASTE as the inbox stores it (Slack's markup undone). */
const SERVER_TEXT = SERVER_PASTE.replace(/<(http[^|>]+)\|[^>]*>/g, '$1');

const DOWNLOAD_EN = LINKS.download.en;

function headerText(blocks: unknown): string {
  const h = (blocks as { type: string; text?: { text: string } }[]).find((b) => b.type === 'header');
  return h?.text?.text ?? '';
}

function buttonUrls(blocks: unknown): string[] {
  return (blocks as { type: string; elements?: { url?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => (b.elements ?? []).map((e) => e.url ?? ''));
}

const postsIn = (t: TestBot, channel: string) => t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);

/** Every channel gets its own id, so tests never see each other's replies. */
let channelSeq = 0;
const freshChannel = (prefix = 'C') => `${prefix}${String(++channelSeq).padStart(6, '0')}E2E`;

function expectNoStack(text: string) {
  expect(text).not.toMatch(/\bat .+\(.+:\d+:\d+\)|Error:|TypeError|ZodError|undefined/);
}

// Every server, socket and timer this file opened is closed at the end (the timer polling here excepted).
let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('HTTP mode', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot();
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await t.idle();
  });

  const slash = async (text: string, fields: Record<string, string> = {}) => {
    const responseUrl = t.fake.responseUrl();
    const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, response_url: responseUrl, ...fields }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return { res, call, body: call.body as { response_type?: string; text: string; blocks?: unknown[] } };
  };

  describe('slash commands', () => {
    it('help: ephemeral usage with the KB links', async () => {
      const { body, res } = await slash('help');
      expect(res.body).toBe(''); // a bare ack: the answer goes to response_url
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toContain('/kb954960 check <log lines>');
      expect(buttonUrls(body.blocks)).toContain(DOWNLOAD_EN);
    });

    it('check <the KB client lines>: affected, with the KB954960 download button', async () => {
      const before = await t.storage.history.count();
      const { body, call } = await slash(`check ${CLIENT_PASTE}`, { channel_id: 'C0CHECK', user_id: 'U42' });
      expect(call.headers['content-type']).toContain('application/json');
      expect(body.response_type).toBe('ephemeral');
      expect(headerText(body.blocks)).toMatch(/^KB954960: affected/);
      const all = visibleText(body.blocks);
      expect(all).toContain('*wsus01*');
      expect(all).toContain('ErrorCode:InternalServerError(5)');
      expect(buttonUrls(body.blocks)[0]).toBe(DOWNLOAD_EN);
      // recorded: origin command, the channel and user it came from
      expect(await t.storage.history.count()).toBe(before + 1);
      const [latest] = await t.storage.history.list({ limit: 1 });
      expect(latest).toMatchObject({ origin: 'command', verdict: 'affected', server: 'wsus01', channelId: 'C0CHECK', userId: 'U42' });
    });

    it('check with nothing after it asks for lines (no error)', async () => {
      const { body } = await slash('check');
      expect(body.text).toMatch(/Paste the log lines/);
      expectNoStack(body.text);
    });

    it('server NAME dll 3.1.6001.66, then server NAME: fixed', async () => {
      const unknown = await slash('server wsus77');
      expect(unknown.body.text).toBe('Nothing is known of wsus77 yet.');
      const set = await slash('server wsus77 dll 3.1.6001.66');
      expect(set.body.text).toMatch(/^wsus77: fixed/);
      const { body } = await slash('server WSUS77');
      expect(body.text).toMatch(/^wsus77: fixed\n/);
      expect(body.text).toContain('3.1.6001.66');
      expect(headerText(body.blocks)).toBe('wsus77');
      expect(await t.storage.servers.facts('wsus77')).toMatchObject({ dllVersion: '3.1.6001.66' });
    });

    it('server NAME dll with a bad version: usage, nothing recorded', async () => {
      const { body } = await slash('server wsus78 dll 3.1');
      expect(body.text).toMatch(/^usage: server NAME/);
      expect(await t.storage.servers.facts('wsus78')).toBeNull();
    });

    it('history lists the diagnoses, newest first', async () => {
      await slash(`check ${CLIENT_PASTE.replace(/wsus01/g, 'wsushist')}`);
      const { body } = await slash('history');
      expect(headerText(body.blocks)).toBe('KB954960 diagnoses');
      const lines = body.text.split('\n');
      expect(lines.length).toBe(Math.min(10, await t.storage.history.count()));
      expect(lines[0]).toMatch(/affected\s+wsushist\s+command/);
      const only = await slash('history wsushist');
      expect(only.body.text.split('\n')).toHaveLength(1);
    });

    it('code 0x80244022: what it means and the known problem it belongs to; bad input is one line', async () => {
      const { body } = await slash('code 0x80244022');
      expect(body.response_type).toBe('ephemeral');
      expect(body.text).toMatch(/^0x80244022 WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL — Same as HTTP status 503/);
      expect(visibleText(body.blocks)).toContain('WSUS application pool stopped or recycling (HTTP 503)');
      const ja = await slash('code 0x80244022 です');
      expect(ja.body.text).toMatch(/^usage: code|^使い方/);
      const bad = await slash('code <!channel>');
      expect(bad.body.text).not.toContain('\n');
      expect(bad.body.text).toContain('is not a result code');
      expect(bad.body.text).not.toContain('<!channel>');
    });

    it('an unknown subcommand gets the help text, not an error', async () => {
      const { body } = await slash('frobnicate the server');
      expect(body.text).toMatch(/^There is no `frobnicate` subcommand/);
      expect(body.text).toContain('/kb954960 history [server]');
      expectNoStack(body.text);
      expectNoStack(visibleText(body.blocks));
    });

    it('an unknown subcommand that is a mention is echoed escaped, pinging nobody', async () => {
      const { body } = await slash('<!channel>');
      expect(body.text).toMatch(/^There is no `&lt;!channel&gt;` subcommand/);
      expect(JSON.stringify(body.blocks)).not.toContain('<!channel>');
    });

    it('bare /kb954960 opens the check modal with the trigger_id', async () => {
      const fields = slashCommand({ text: '', channel_id: 'C0MODAL' });
      const res = await postSlashCommand(t.events, SIGNING_SECRET, fields);
      expect(res.status).toBe(200);
      const call = await t.fake.waitFor('views.open', (c) => c.body.trigger_id === fields.trigger_id);
      expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      const view = call.body.view as { type: string; callback_id: string; private_metadata: string; blocks: { block_id: string }[] };
      expect(view.type).toBe('modal');
      expect(view.callback_id).toBe('kb954960_check');
      expect(JSON.parse(view.private_metadata)).toEqual({ channel_id: 'C0MODAL' });
      expect(view.blocks.map((b) => b.block_id)).toEqual(['log', 'server', 'lang']);
      expect(t.fake.callsTo('response_url').filter((c) => c.body.trigger_id === fields.trigger_id)).toHaveLength(0);
    });
  });

  describe('events', () => {
    it('a channel paste of the server line (URL auto-linked): one threaded reply with the evidence line number', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const res = await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: SERVER_PASTE }));
      expect(res.status).toBe(200);
      await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      await t.idle();
      const posts = postsIn(t, channel);
      expect(posts).toHaveLength(1);
      const post = posts[0]!;
      expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(post.body.thread_ts).toBe(ts);
      expect(post.body.metadata).toMatchObject({ event_type: REPLY_EVENT_TYPE });
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      const all = visibleText(post.body.blocks);
      expect(all).toContain('*wsusebc*');
      // evidence: the line number of the ThrowException line (3), the auto-link undone
      expect(all).toMatch(
        /(?:^|```)\s*3: 2008-06-14 02:59:57\.642 UTC .*ThrowException: actor = http:\/\/wsusebc\/ClientWebService\/client\.asmx, ID=c0a7445f/m,
      );
      expect(all).not.toContain('|http://');
      expect(buttonUrls(post.body.blocks)[0]).toBe(DOWNLOAD_EN);
      // recorded: a message diagnosis for that Slack message, with the reply's ts
      const entry = (await t.storage.history.list({ server: 'wsusebc', limit: 5 })).find((e) => e.messageTs === ts);
      expect(entry).toMatchObject({ origin: 'message', verdict: 'affected', channelId: channel });
      expect(entry?.replyTs).toBeTruthy();
    });

    it('a DM of chatter: one short line on what the bot does, not what it looked for in a log', async () => {
      const channel = freshChannel('D');
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: 'hi! does WSUS still work on 2008?' }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.text).toBe(en.converse.hint);
      expect(post.body.thread_ts).toBe(ts);
      expect(post.body.blocks).toHaveLength(1);
    });

    it('channel chatter: no reply at all', async () => {
      const channel = freshChannel();
      const before = await t.storage.history.count();
      const ts = slackTs();
      const res = await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: 'lunch at 12? also WSUS is slow today' }));
      expect(res.status).toBe(200);
      expect((await t.worked(`message:${channel}:${ts}`)).outcome).toBe('silent');
      expect(postsIn(t, channel)).toHaveLength(0);
      expect(await t.storage.history.count()).toBe(before);
    });

    const POOL_503_LOG = [
      '2017-08-24\t10:02:10:001\t 912\t1a2c\tPT\t+++++++++++  PT: Synchronizing server updates  +++++++++++',
      '2017-08-24\t10:02:10:002\t 912\t1a2c\tPT\t  + ServiceId = {3DA21691-E39D-4DA6-8A4B-B43877BCB1B7}, Server URL = http://wsus03:8530/ClientWebService/client.asmx',
      '2017-08-24\t10:02:11:123\t 912\t1a2c\tPT\tWARNING: Sync of Updates: 0x80244022',
      '2017-08-24\t10:02:11:124\t 912\t1a2c\tPT\tWARNING: SyncServerUpdatesInternal failed: 0x80244022',
      '2017-08-24\t10:02:11:125\t 912\t1a2c\tAgent\t  * WARNING: Failed to synchronize, error = 0x80244022',
    ].join('\n');
    const textOfBlocks = (blocks: unknown[]) => visibleText(blocks as never).length;

    it('a 0x80244022 client log in a channel: a short threaded reply naming the problem, the code and what it means', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: POOL_503_LOG }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.thread_ts).toBe(ts);
      expect(post.body.text).toMatch(/^Not KB954960 — WSUS application pool stopped or recycling \(HTTP 503\): Start the WsusPool/);
      const all = visibleText(post.body.blocks);
      expect(all).toContain('0x80244022');
      expect(all).toContain('HTTP status 503');
      expect(all).toContain('(3×)');
      expect(all).not.toContain('Download KB954960');
      expect(post.body.blocks.length).toBeLessThanOrEqual(7);
      expect(textOfBlocks(post.body.blocks)).toBeLessThanOrEqual(2000);
    });

    it('many codes: one compact block of five, "… and N more", within the size limits', async () => {
      const channel = freshChannel();
      const codes = ['0x80244022', '0x8024401C', '0x8024402C', '0x80244017', '0x80072F0C', '0x8024400D', '0x80244010', '0x80991234', '0x80070057'];
      await postEvent(
        t.events,
        SIGNING_SECRET,
        messageEvent({ channel, text: codes.map((c, i) => `2017-08-24\t10:02:1${i}:000\t 912\t1a2c\tPT\tWARNING: Sync of Updates: ${c}`).join('\n') }),
      );
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      const all = visibleText(post.body.blocks);
      expect(all).toContain('… and 4 more');
      expect(all.match(/`0x[0-9A-F]{8}`/g)).toHaveLength(5);
      expect(post.body.blocks.length).toBeLessThanOrEqual(7);
      expect(textOfBlocks(post.body.blocks)).toBeLessThanOrEqual(2000);
    });

    it('a chat line that merely mentions a code: silence in a channel, a one-block pointer in a DM', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text: 'anyone seen 0x80244022?' }));
      expect((await t.worked(`message:${channel}:${ts}`)).outcome).toBe('silent');
      expect(postsIn(t, channel)).toHaveLength(0);
      const dm = freshChannel('D');
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: dm, text: 'anyone seen 0x80244022?' }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === dm);
      expect(post.body.blocks).toHaveLength(1);
      expect(visibleText(post.body.blocks)).toContain('HTTP status 503');
      expect(visibleText(post.body.blocks)).toContain('Paste the WindowsUpdate.log lines');
    });

    it('a reply in a thread is answered in that thread', async () => {
      const channel = freshChannel();
      const parent = slackTs();
      const ts = slackTs();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, thread_ts: parent, text: CLIENT_PASTE }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.thread_ts).toBe(parent);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
    });

    it('bot messages, edits that leave the text as it was (link unfurls) and the bot itself are ignored', async () => {
      const channel = freshChannel();
      const responses = await Promise.all([
        postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, text: CLIENT_PASTE, bot_id: 'B999' })),
        postEvent(
          t.events,
          SIGNING_SECRET,
          messageEvent({
            channel,
            subtype: 'message_changed',
            text: '',
            message: { type: 'message', user: 'U1', text: CLIENT_PASTE, ts: slackTs() },
            previous_message: { type: 'message', user: 'U1', text: CLIENT_PASTE },
          }),
        ),
        postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, user: 'UBOT', text: CLIENT_PASTE })),
        postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, subtype: 'channel_join', text: '<@U1> has joined the channel' })),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
      await t.idle();
      expect(postsIn(t, channel)).toHaveLength(0);
    });

    it('Japanese text with the signature gets a Japanese reply', async () => {
      const channel = freshChannel();
      const text = `クライアントのログにこの行が出ています。KB954960 でしょうか？\n${CLIENT_PASTE}`;
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, text }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: 該当/);
      expect(visibleText(post.body.blocks)).toContain('次の対応');
      expect(buttonUrls(post.body.blocks)[0]).toBe(LINKS.download.ja);
    });
  });

  describe('interactivity', () => {
    const values = (log: string, server = '', lang = 'en') => ({
      log: { text: { type: 'plain_text_input', value: log } },
      server: { name: { type: 'plain_text_input', value: server } },
      lang: { lang: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: 'x' }, value: lang } } },
    });

    it('the modal submission posts the diagnosis to the channel it was opened in', async () => {
      const channel = freshChannel();
      const res = await postInteraction(
        t.events,
        SIGNING_SECRET,
        viewSubmission({
          callback_id: 'kb954960_check',
          values: values(CLIENT_PASTE.replace(/wsus01/g, '&lt;WSUS server&gt;'), 'wsusmodal'),
          private_metadata: JSON.stringify({ channel_id: channel }),
        }),
      );
      expect(res.status).toBe(200);
      expect(res.body).toBe('');
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      expect(visibleText(post.body.blocks)).toContain('*wsusmodal*');
      expect((await t.storage.history.list({ server: 'wsusmodal' }))[0]).toMatchObject({ origin: 'modal', verdict: 'affected' });
    });

    it('an invalid submission is refused in the form (response_action: errors), nothing posted', async () => {
      const channel = freshChannel();
      const res = await postInteraction(
        t.events,
        SIGNING_SECRET,
        viewSubmission({
          callback_id: 'kb954960_check',
          view_id: 'VBADFORM1',
          values: values('   ', 'bad name!'),
          private_metadata: JSON.stringify({ channel_id: channel }),
        }),
      );
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ response_action: 'errors', errors: { log: expect.any(String) } });
      const res2 = await postInteraction(
        t.events,
        SIGNING_SECRET,
        viewSubmission({
          callback_id: 'kb954960_check',
          view_id: 'VBADFORM2',
          values: values(CLIENT_PASTE, 'bad name!'),
          private_metadata: JSON.stringify({ channel_id: channel }),
        }),
      );
      expect(res2.json).toMatchObject({ response_action: 'errors', errors: { server: expect.any(String) } });
      // Refused in the ack, so no work was written (a valid form's is, before its ack): nothing can still come.
      expect([await t.storage.inbox.item('view:VBADFORM1'), await t.storage.inbox.item('view:VBADFORM2')]).toEqual([null, null]);
      await t.idle();
      expect(postsIn(t, channel)).toHaveLength(0);
    });

    it('the "Diagnose with KB954960" message shortcut answers in the message\'s thread', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const res = await postInteraction(
        t.events,
        SIGNING_SECRET,
        messageShortcut({ callback_id: 'kb954960_diagnose', channel, message: { text: SERVER_PASTE, ts, user: 'U7' } }),
      );
      expect(res.status).toBe(200);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.thread_ts).toBe(ts);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      expect(visibleText(post.body.blocks)).toContain('*wsusebc*');
    });

    it('the shortcut on chatter in a channel still answers (shortcuts always get an answer)', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      await postInteraction(t.events, SIGNING_SECRET, messageShortcut({ callback_id: 'kb954960_diagnose', channel, message: { text: 'just chatting', ts } }));
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.text).toMatch(/^No KB954960 signature found/);
      expect(post.body.thread_ts).toBe(ts);
    });
  });

  describe('security', () => {
    const body = () => JSON.stringify(messageEvent({ channel: 'CSEC', text: CLIENT_PASTE }));
    const now = () => Math.floor(Date.now() / 1000);

    afterEach(async () => {
      await t.idle();
      expect(postsIn(t, 'CSEC')).toHaveLength(0);
    });

    it('a bad signature: 401', async () => {
      expect((await postEvent(t.events, SIGNING_SECRET, JSON.parse(body()), { signature: 'v0=deadbeef' })).status).toBe(401);
      expect((await postEvent(t.events, 'not-the-secret', JSON.parse(body()))).status).toBe(401);
    });

    it('missing signature headers: 401', async () => {
      const raw = body();
      expect((await rawPost(t.events, raw, { 'content-type': 'application/json' })).status).toBe(401);
      expect((await rawPost(t.events, raw, { 'content-type': 'application/json', 'x-slack-request-timestamp': String(now()) })).status).toBe(401);
    });

    it('a stale timestamp (> 5 min old): 401', async () => {
      expect((await postEvent(t.events, SIGNING_SECRET, JSON.parse(body()), { ts: now() - 5 * 60 - 30 })).status).toBe(401);
      const slash = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text: 'help', response_url: t.fake.responseUrl() }), { ts: now() - 3600 });
      expect(slash.status).toBe(401);
    });

    it('a timestamp 10 minutes in the future: 401 (Bolt alone would accept it)', async () => {
      expect((await postEvent(t.events, SIGNING_SECRET, JSON.parse(body()), { ts: now() + 10 * 60 })).status).toBe(401);
      // within the skew it is fine
      const ok = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text: 'help', response_url: t.fake.responseUrl() }), { ts: now() + 60 });
      expect(ok.status).toBe(200);
    });

    it('GET /healthz: 200 {"ok":true}', async () => {
      const res = await get(`${t.url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.body).toBe('{"ok":true}');
    });
  });

  describe('redelivery and restart', () => {
    /** The inbox of the bot's current life (t.storage changes on restart). */
    const queue = () => t.storage.inbox;
    it('the same event three times (Slack retries): one reply', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const envelope = messageEvent({ channel, ts, text: SERVER_PASTE });
      expect((await postEvent(t.events, SIGNING_SECRET, envelope)).status).toBe(200);
      expect((await postEvent(t.events, SIGNING_SECRET, envelope, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
      expect((await postEvent(t.events, SIGNING_SECRET, envelope, { retryNum: 2, retryReason: 'http_timeout' })).status).toBe(200);
      await t.idle();
      expect(postsIn(t, channel)).toHaveLength(1);
      expect((await t.storage.history.list({ limit: 1000 })).filter((e) => e.messageTs === ts)).toHaveLength(1);
      // dropped at the door (the inbox key), not caught later by looking for an earlier reply
      expect(await queue().item(`message:${channel}:${ts}`)).toMatchObject({ attempts: 1, outcome: 'replied' });
      expect(t.fake.callsTo('conversations.replies').filter((c) => c.body.channel === channel)).toHaveLength(0);
    });

    it('the same event three times at once: one reply', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const envelope = messageEvent({ channel, ts, text: SERVER_PASTE });
      const statuses = await Promise.all(
        [0, 1, 2].map((n) => postEvent(t.events, SIGNING_SECRET, envelope, n ? { retryNum: n, retryReason: 'http_error' } : {})),
      );
      expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
      await t.idle();
      expect(postsIn(t, channel)).toHaveLength(1);
      expect(await queue().item(`message:${channel}:${ts}`)).toMatchObject({ attempts: 1 });
    });

    it('a redelivery after a restart: still one reply; the history survives', async () => {
      const channel = freshChannel();
      const ts = slackTs();
      const envelope = messageEvent({ channel, ts, text: SERVER_PASTE });
      await postEvent(t.events, SIGNING_SECRET, envelope);
      await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      await t.idle();
      const historyBefore = (await t.storage.history.list({ limit: 1000 })).length;
      const oldStorage = t.storage;

      await t.restart();
      expect(await oldStorage.ping()).toBe(false);
      expect(t.storage).not.toBe(oldStorage);
      expect((await get(`${t.url}/healthz`)).json).toEqual({ ok: true });
      expect(await t.storage.history.list({ limit: 1000 })).toHaveLength(historyBefore);

      expect((await postEvent(t.events, SIGNING_SECRET, envelope, { retryNum: 3, retryReason: 'http_timeout' })).status).toBe(200);
      await t.idle();
      expect(postsIn(t, channel)).toHaveLength(1);
      expect(await queue().item(`message:${channel}:${ts}`)).toMatchObject({ attempts: 1, outcome: 'replied' });
      expect(await t.storage.history.list({ limit: 1000 })).toHaveLength(historyBefore);
      // and the new life answers new work
      const fresh = freshChannel();
      await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: fresh, text: SERVER_PASTE }));
      await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === fresh);
    });

    it('work a crash left unfinished is resumed at start; a reply already posted is not posted twice', async () => {
      const channel = freshChannel();
      const at = new Date().toISOString();
      const work = (ts: string): MessageWork => ({
        channel,
        ts,
        replyThreadTs: ts,
        alwaysAnswer: false,
        user: 'U1',
        team: 'T1',
        lang: 'en',
        text: SERVER_TEXT,
      });
      const tsPosted = slackTs();
      const tsPending = slackTs();
      const keyPosted = `message:${channel}:${tsPosted}`;
      const keyPending = `message:${channel}:${tsPending}`;
      // A process of this host that died (pid 2^22+1 does not exist) took both; it had posted the first reply, not the second.
      const [host, , , space] = instanceId().split(':');
      const dead = `${host}:${2 ** 22 + 1}:dead:${space}`;
      for (const [key, ts] of [
        [keyPosted, tsPosted],
        [keyPending, tsPending],
      ] as const) {
        expect(await queue().accept({ key, kind: 'message', payload: work(ts), at })).toBe(true);
        expect(await queue().take(key, dead, at, '1970-01-01T00:00:00.000Z', () => false)).not.toBeNull();
      }
      t.fake.respondWith('conversations.replies', (call) => ({
        ok: true,
        has_more: false,
        messages:
          call.body.ts === tsPosted
            ? [
                { type: 'message', ts: tsPosted, user: 'U1', text: 'x' },
                {
                  type: 'message',
                  ts: '1700000000.999999',
                  thread_ts: tsPosted,
                  bot_id: 'BBOT',
                  text: 'reply',
                  metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { key: keyPosted } },
                },
              ]
            : [{ type: 'message', ts: tsPending, user: 'U1', text: 'x' }],
      }));
      try {
        await t.restart();
        await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
        await t.idle();
      } finally {
        t.fake.respondWith('conversations.replies', null);
      }
      const posts = postsIn(t, channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.thread_ts).toBe(tsPending);
      expect(await queue().item(keyPosted)).toMatchObject({ outcome: 'replied', replyTs: '1700000000.999999', attempts: 2 });
      expect(await queue().item(keyPending)).toMatchObject({ outcome: 'replied', replyTs: expect.any(String), attempts: 2 });
      expect(await queue().pending()).toHaveLength(0);
    });
  });

  describe('uploads', () => {
    const share = (channel: string, files: unknown[], extra: Record<string, unknown> = {}) => {
      const ts = slackTs();
      return { ts, envelope: messageEvent({ channel, ts, text: '', files, ...extra }) };
    };
    const downloadsOf = (fileId: string) => t.fake.fileHost.downloads.filter((d) => d.path.includes(`/${fileId}/`));

    it("a UTF-16LE (BOM) WindowsUpdate.log: affected, in the file's thread, downloaded with the bot token", async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: utf16le(clientLogFile()), mimetype: 'text/plain', filetype: 'text' });
      const { ts, envelope } = share(channel, [file]);
      expect((await postEvent(t.events, SIGNING_SECRET, envelope)).status).toBe(200);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.thread_ts).toBe(ts);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      const all = visibleText(post.body.blocks);
      expect(all).toContain('*wsus02*');
      expect(all).toMatch(/(?:^|```)\s*6: .*SOAP Fault: 0x000190/m);
      const dl = downloadsOf(file.id);
      expect(dl).toHaveLength(1);
      expect(dl[0]!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
      expect(dl[0]!.status).toBe(200);
      expect((await t.storage.history.list({ limit: 50 })).find((e) => e.messageTs === ts)).toMatchObject({
        origin: 'file',
        sourceName: 'WindowsUpdate.log',
        verdict: 'affected',
      });
    });

    it("the same log gzip'd: affected", async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({
        name: 'WindowsUpdate.log.gz',
        bytes: gzipSync(utf16le(clientLogFile())),
        mimetype: 'application/gzip',
        filetype: 'gzip',
      });
      const { ts, envelope } = share(channel, [file]);
      await postEvent(t.events, SIGNING_SECRET, envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.thread_ts).toBe(ts);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      expect(downloadsOf(file.id).map((d) => d.authorization)).toEqual([`Bearer ${BOT_TOKEN}`]);
    });

    it('a file event without a download link: files.info, then the download', async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'wu.log', bytes: clientLogFile() });
      const { envelope } = share(channel, [{ id: file.id, name: file.name, mimetype: 'text/plain', size: file.size }]);
      await postEvent(t.events, SIGNING_SECRET, envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
      expect(t.fake.callsTo('files.info').some((c) => c.body.file === file.id)).toBe(true);
      expect(downloadsOf(file.id)).toHaveLength(1);
    });

    describe("a link to a host that is not Slack's", () => {
      let foreign: Server;
      let foreignHost: string;
      const seen: IncomingHttpHeaders[] = [];

      beforeAll(async () => {
        foreign = createServer((req, res) => {
          seen.push(req.headers);
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end(clientLogFile());
        });
        try {
          foreign.listen(0, '127.0.0.2');
          await once(foreign, 'listening');
          foreignHost = `127.0.0.2:${(foreign.address() as AddressInfo).port}`;
        } catch {
          // 127.0.0.2 is not routable here (e.g. macOS): another host name for loopback still differs from the API host
          foreign = createServer((req, res) => {
            seen.push(req.headers);
            res.end(clientLogFile());
          });
          foreign.listen(0, '127.0.0.1');
          await once(foreign, 'listening');
          foreignHost = `localhost:${(foreign.address() as AddressInfo).port}`;
        }
      });
      afterAll(async () => {
        foreign.closeAllConnections();
        await new Promise((r) => foreign.close(r));
      });

      it('is refused: the token (and the request) never leaves for it, and the user is told', async () => {
        const channel = freshChannel();
        const file = {
          id: 'FFOREIGN1',
          name: 'WindowsUpdate.log',
          mimetype: 'text/plain',
          filetype: 'text',
          size: 2000,
          url_private: `http://${foreignHost}/x`,
          url_private_download: `http://${foreignHost}/x?download=1`,
        };
        const { ts, envelope } = share(channel, [file]);
        await postEvent(t.events, SIGNING_SECRET, envelope);
        const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
        await t.idle();
        expect(seen).toHaveLength(0);
        expect(post.body.thread_ts).toBe(ts);
        expect(post.body.text).toContain(`WindowsUpdate.log: I could not download the file: The file link points outside Slack (${foreignHost})`);
        expect((await t.storage.history.list({ limit: 50 })).some((e) => e.messageTs === ts)).toBe(false);
      });

      it("a redirect from Slack's file host to it is not followed", async () => {
        const channel = freshChannel();
        const file = t.fake.fileHost.addFile({ name: 'redirected.log', bytes: clientLogFile() });
        t.fake.respondWith('file_download', { status: 302, headers: { location: `http://${foreignHost}/stolen` } }, { times: 1 });
        const { envelope } = share(channel, [file]);
        await postEvent(t.events, SIGNING_SECRET, envelope);
        const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
        expect(seen).toHaveLength(0);
        expect(post.body.text).toContain('points outside Slack');
        expect(downloadsOf(file.id)).toHaveLength(1); // the first hop, to the fake (Slack) only
      });

      it('the API host under another name (localhost vs 127.0.0.1) is not Slack either', async () => {
        const channel = freshChannel();
        const file = t.fake.fileHost.addFile({ name: 'byname.log', bytes: clientLogFile() });
        const url = file.url_private_download.replace('127.0.0.1', 'localhost');
        const { envelope } = share(channel, [{ ...file, url_private: url, url_private_download: url }]);
        await postEvent(t.events, SIGNING_SECRET, envelope);
        const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
        expect(post.body.text).toContain('points outside Slack');
        expect(downloadsOf(file.id)).toHaveLength(0);
      });
    });

    it('Slack\'s sign-in page instead of the file (no files:read): the user is told why, not "send it again"', async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: clientLogFile() });
      t.fake.respondWith(
        'file_download',
        { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: '<!DOCTYPE html><html>Sign in</html>' },
        { times: 1 },
      );
      await postEvent(t.events, SIGNING_SECRET, share(channel, [file]).envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.text).toContain('files:read');
      expect(post.body.text).not.toMatch(/send it again/);
    });

    it('a PNG in a channel: silence; in a DM: "I read text logs"', async () => {
      const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
      const inChannel = freshChannel();
      const img1 = t.fake.fileHost.addFile({ name: 'screenshot.png', bytes: png, mimetype: 'image/png', filetype: 'png' });
      await postEvent(t.events, SIGNING_SECRET, share(inChannel, [img1]).envelope);
      await t.idle();
      expect(postsIn(t, inChannel)).toHaveLength(0);
      expect(downloadsOf(img1.id)).toHaveLength(0);

      const dm = freshChannel('D');
      const img2 = t.fake.fileHost.addFile({ name: 'screenshot.png', bytes: png, mimetype: 'image/png', filetype: 'png' });
      const { ts, envelope } = share(dm, [img2]);
      await postEvent(t.events, SIGNING_SECRET, envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === dm);
      expect(post.body.text).toMatch(/^I read text logs/);
      expect(post.body.thread_ts).toBe(ts);
      expect(downloadsOf(img2.id)).toHaveLength(0);
    });

    it('binary junk labelled text/plain: a refusal', async () => {
      const channel = freshChannel();
      const junk = Buffer.alloc(4096);
      for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) % 256;
      const file = t.fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: junk, mimetype: 'text/plain', filetype: 'text' });
      await postEvent(t.events, SIGNING_SECRET, share(channel, [file]).envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.text).toMatch(/^WindowsUpdate\.log: this does not look like a text log/);
      expectNoStack(post.body.text);
    });

    it('a refusal naming a hostile file name cannot ping the channel', async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: '<!channel> & <@U123>.log', bytes: Buffer.alloc(2048), mimetype: 'text/plain', filetype: 'text' });
      await postEvent(t.events, SIGNING_SECRET, share(channel, [file]).envelope);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === channel);
      expect(post.body.text).toMatch(/^&lt;!channel&gt; &amp; &lt;@U123&gt;\.log: /);
      expect(JSON.stringify(post.body.blocks)).not.toContain('<!channel>');
    });

    it('text and a file in one message: one piece of work, one answer in its thread', async () => {
      const channel = freshChannel();
      const file = t.fake.fileHost.addFile({ name: 'wu.log', bytes: clientLogFile() });
      const { ts, envelope } = share(channel, [file], { text: SERVER_PASTE });
      await postEvent(t.events, SIGNING_SECRET, envelope);
      await t.idle();
      const posts = postsIn(t, channel);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.thread_ts).toBe(ts);
      expect(headerText(posts[0]!.body.blocks)).toMatch(/^KB954960: affected/);
      // both were read: the server's line (wsusebc) and the client's file (its failure against wsus02)
      expect(visibleText(posts[0]!.body.blocks)).toMatch(/\*wsusebc\*[\s\S]*wsus02|wsus02[\s\S]*\*wsusebc\*/);
      expect((await t.storage.history.list({ limit: 50 })).filter((e) => e.messageTs === ts)).toHaveLength(1);
    });
  });
});

describe('HTTP mode with a small MAX_FILE_BYTES', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { MAX_FILE_BYTES: '1000' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  /** A log whose failure is at its end, past the first MAX_FILE_BYTES: filler lines first. */
  const longLog = () =>
    `${Array.from({ length: 60 }, (_, i) => `2008-06-14 02:${String(i % 60).padStart(2, '0')}:00.000 UTC Info w3wp.12 routine line ${i}`).join('\n')}\n${SERVER_TEXT.split('\n')[2]}\n`;

  it('a log over the limit: its most recent part is read, and the reply says which part', async () => {
    const file = t.fake.fileHost.addFile({ name: 'SoftwareDistribution.log', bytes: longLog() });
    expect(file.size).toBeGreaterThan(3000);
    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CBIG', ts, text: '', files: [file] }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CBIG');
    expect(post.body.thread_ts).toBe(ts);
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
    const all = visibleText(post.body.blocks);
    expect(all).toMatch(
      /SoftwareDistribution\.log: over the 1000 bytes limit, so I read its most recent part — the last \d+ bytes \(\d+ earlier lines skipped\)/,
    );
    expect(all).not.toMatch(/gzip/);
    await t.idle();
    expect(t.fake.fileHost.downloads.filter((d) => d.path.includes(`/${file.id}/`))).toHaveLength(1);
  });

  it('a .gz that expands past the limit is tail-read too, never told to "gzip it"', async () => {
    const file = t.fake.fileHost.addFile({ name: 'SoftwareDistribution.log.gz', bytes: gzipSync(longLog()), mimetype: 'application/gzip', filetype: 'gzip' });
    expect(file.size).toBeLessThan(1000);
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CBIGGZ', text: '', files: [file] }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CBIGGZ');
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
    expect(visibleText(post.body.blocks)).toMatch(/SoftwareDistribution\.log\.gz: over the 1000 bytes limit, so I read its most recent part/);
    expect(visibleText(post.body.blocks)).not.toMatch(/gzip it/);
  });

  it('a file that lies about its size is still read only in its most recent part', async () => {
    const file = t.fake.fileHost.addFile({ name: 'liar.log', bytes: longLog(), size: 500 });
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CLIAR', text: '', files: [file] }));
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CLIAR');
    expect(visibleText(post.body.blocks)).toMatch(/liar\.log: over the 1000 bytes limit, so I read its most recent part/);
  });
});
