// e2e, Socket Mode: the real Bolt app from createBot() with SLACK_APP_TOKEN, connected to the fake Socket Mode server.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LINKS } from '../src/kb954960.js';
import { APP_TOKEN, BOT_TOKEN, blocksText, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { messageEvent, messageShortcut, slackTs, slashCommand } from './support/index.js';

const CLIENT_PASTE = [
  'PT  WARNING: SyncUpdates failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200',
  'PT  WARNING: SOAP Fault: 0x000190',
  'PT  WARNING:     faultstring:Fault occurred',
  'PT  WARNING:     ErrorCode:InternalServerError(5)',
  'PT  WARNING:     Message:(null)',
].join('\n');

const SERVER_PASTE =
  '2008-06-14 02:59:57.642 UTC\tWarning\tw3wp.12\tSoapUtilities.CreateException\tThrowException: actor = <http://wsussock/ClientWebService/client.asmx|http://wsussock/ClientWebService/client.asmx>, ID=c0a7445f-b989-43fa-ac20-11f8ca65fa8c, ErrorCode=InternalServerError, Message=, Client=?';

const headerText = (blocks: unknown) => (blocks as { type: string; text?: { text: string } }[]).find((b) => b.type === 'header')?.text?.text ?? '';


// Every server, socket and timer this file opened is closed at the end (the timer polling here excepted).
let leftovers: () => Promise<string[]>;
beforeAll(() => {
  leftovers = handleBaseline();
});
afterAll(async () => {
  expect(await leftovers()).toEqual([]);
});

describe('Socket Mode', () => {
  let t: TestBot;

  beforeAll(async () => {
    t = await startTestBot({ socketMode: true });
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await t.idle();
  });

  it('connects with the app token and gets hello; no HTTP port', async () => {
    expect(t.port).toBeUndefined();
    const open = t.fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    const conn = await t.fake.socket!.waitForConnection();
    expect(conn.closedAt).toBeUndefined();
    // the bot token is what the Web API saw
    expect(t.fake.callsTo('auth.test').some((c) => c.headers.authorization === `Bearer ${BOT_TOKEN}`)).toBe(true);
  });

  it('an events_api envelope with a pasted server line: acked by envelope_id, answered in the thread', async () => {
    const ts = slackTs();
    const id = await t.fake.socket!.sendEvent(messageEvent({ channel: 'CSOCK1', ts, text: SERVER_PASTE }));
    const ack = await t.fake.socket!.waitForAck(id);
    expect(ack.envelope_id).toBe(id);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK1');
    expect(post.body.thread_ts).toBe(ts);
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
    expect(blocksText(post.body.blocks)).toContain('*wsussock*');
    expect(t.store.history({ server: 'wsussock' })).toHaveLength(1);
  });

  it('the same event redelivered (retry_attempt) is acked and not answered again', async () => {
    const ts = slackTs();
    const body = messageEvent({ channel: 'CSOCK2', ts, text: CLIENT_PASTE });
    const first = await t.fake.socket!.sendEvent(body);
    await t.fake.socket!.waitForAck(first);
    await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK2');
    const again = await t.fake.socket!.sendEvent(body, { retryAttempt: 1, retryReason: 'timeout' });
    await t.fake.socket!.waitForAck(again);
    await t.idle();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CSOCK2')).toHaveLength(1);
    expect(t.store.inboxItem(`message:CSOCK2:${ts}`)).toMatchObject({ attempts: 1, outcome: 'replied' });
  });

  it('channel chatter is acked and gets no reply', async () => {
    const id = await t.fake.socket!.sendEvent(messageEvent({ channel: 'CSOCK3', text: 'good morning' }));
    await t.fake.socket!.waitForAck(id);
    await t.idle();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CSOCK3')).toHaveLength(0);
  });

  it('a slash_commands envelope: acked with an empty payload, answered through response_url', async () => {
    const responseUrl = t.fake.responseUrl();
    const id = await t.fake.socket!.sendSlashCommand(slashCommand({ text: `check ${CLIENT_PASTE}`, response_url: responseUrl }));
    const ack = await t.fake.socket!.waitForAck(id);
    expect(ack.payload ?? {}).toEqual({});
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    expect(call.body.response_type).toBe('ephemeral');
    expect(headerText(call.body.blocks)).toMatch(/^KB954960: (affected|possible)/);
    const actions = (call.body.blocks as { type: string; elements?: { url?: string }[] }[]).find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]?.url).toBe(LINKS.download.en);
  });

  it('an interactive envelope (message shortcut): acked, answered in the thread', async () => {
    const ts = slackTs();
    const id = await t.fake.socket!.sendInteractive(messageShortcut({ callback_id: 'kb954960_diagnose', channel: 'CSOCK4', message: { text: SERVER_PASTE, ts } }));
    await t.fake.socket!.waitForAck(id);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK4');
    expect(post.body.thread_ts).toBe(ts);
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
  });
});
