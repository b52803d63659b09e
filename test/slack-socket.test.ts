// e2e, Socket Mode: the real Bolt app from createBot() with SLACK_APP_TOKEN, connected to the fake Socket Mode server.
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../src/config.js';
import { LINKS } from '../src/kb954960.js';
import type { InboxPort, Storage } from '../src/store/port.js';
import { APP_TOKEN, BOT_TOKEN, handleBaseline, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { testClock } from './support/clock.js';
import { eventCallback, httpRequest, messageEvent, messageShortcut, slackTs, slashCommand, viewSubmission } from './support/index.js';
import { openTestStorage } from './support/storage.js';

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

/** The check modal's state.values (block log/text, server/name, lang/lang). */
const modalValues = (log: string, server = '') => ({
  log: { text: { type: 'plain_text_input', value: log } },
  server: { name: { type: 'plain_text_input', value: server } },
});

/**
 * The inbox rows the bot's storage has written, as each write returns (committed, on either engine): by key and by
 * event id, each to the row's key. Seen by the test at the moment an ack reaches the fake.
 */
type Written = Map<string, string>;

/** The test engine's storage for the bot's data, noting in `written` each inbox row once its write has returned. */
async function recordingStorage(config: Config, clock: () => Date, written: Written): Promise<Storage> {
  const storage = await openTestStorage(dirname(config.databasePath), { clock });
  const inbox = storage.inbox;
  const accept: InboxPort['accept'] = async (item) => {
    const fresh = await inbox.accept(item);
    written.set(item.key, item.key);
    if (item.eventId) written.set(item.eventId, item.key);
    return fresh;
  };
  // The bot's work queue takes the inbox from its storage at start: it gets this one, with accept() noting its rows.
  const noting = new Proxy(inbox, {
    get: (target, name) => (name === 'accept' ? accept : Reflect.get(target, name, target)),
  });
  Object.defineProperty(storage, 'inbox', { value: noting });
  return storage;
}

/**
 * At the moment each ack frame reaches the fake, whether the inbox row its envelope should have written was already
 * written (its write returned: committed). close() then looks, through a storage of its own — as another process
 * would after a crash — for every row an ack found written.
 */
function inboxAtAck(t: TestBot, written: Written) {
  const wanted = new Map<string, string>();
  const seen = new Map<string, boolean>();
  const off = t.fake.socket!.onAck((ack) => {
    const want = wanted.get(ack.envelope_id);
    if (want !== undefined) seen.set(ack.envelope_id, written.has(want));
  });
  return {
    /** a fresh envelope id whose ack should find the row with this key or event_id */
    expectRow(keyOrEventId: string): string {
      const id = randomUUID();
      wanted.set(id, keyOrEventId);
      return id;
    },
    /** whether the row was there when the ack arrived (undefined: no ack yet) */
    rowWasThere: (envelopeId: string) => seen.get(envelopeId),
    async close() {
      off();
      const elsewhere = await openTestStorage(t.dir);
      try {
        for (const [id, want] of wanted) {
          if (!seen.get(id)) continue;
          expect(await elsewhere.inbox.item(written.get(want)!), want).not.toBeNull();
        }
      } finally {
        await elsewhere.close();
      }
    },
  };
}

const percentile = (sorted: readonly number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

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
  const written: Written = new Map();

  beforeAll(async () => {
    const clock = testClock();
    t = await startTestBot({ socketMode: true, clock, storage: (config) => recordingStorage(config, clock, written) });
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(async () => {
    await t.idle();
  });

  it('connects with the app token and gets hello; its port serves the health routes, no Slack endpoint', async () => {
    expect(t.port).toBeGreaterThan(0); // /healthz, /readyz, /metrics (test/metrics.test.ts)
    expect((await httpRequest('POST', `${t.url}/slack/events`, { 'content-type': 'application/json' }, '{}', 5000)).status).toBe(404);
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
    expect(visibleText(post.body.blocks)).toContain('*wsussock*');
    expect(await t.storage.history.list({ server: 'wsussock' })).toHaveLength(1);
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
    expect(await t.storage.inbox.item(`message:CSOCK2:${ts}`)).toMatchObject({ attempts: 1, outcome: 'replied' });
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

  it('every envelope ack reaches Slack after its event is in the database, within the 3 s budget (50 pastes one by one, 50 at once)', async () => {
    const at = inboxAtAck(t, written);
    try {
      const paste = async () => {
        const body = messageEvent({ channel: 'CSOCK5', text: SERVER_PASTE.replace(/wsussock/g, `wsus${Math.random().toString(36).slice(2, 8)}`) });
        const id = await t.fake.socket!.sendEvent(body, { envelopeId: at.expectRow(body.event_id) });
        return { id, ack: await t.fake.socket!.waitForAck(id) };
      };
      const oneByOne: { id: string; ack: { latencyMs?: number } }[] = [];
      // one by one on an idle bot: the ack's own cost; then a burst, where acks queue behind each other and the work
      for (let i = 0; i < 50; i++) {
        oneByOne.push(await paste());
        await t.idle();
      }
      const burst = await Promise.all(Array.from({ length: 50 }, paste));
      for (const { id } of [...oneByOne, ...burst]) expect(at.rowWasThere(id), id).toBe(true);
      const stats = (runs: typeof oneByOne) => {
        const ms = runs.map((r) => r.ack.latencyMs!).sort((a, b) => a - b);
        return { p50: +percentile(ms, 0.5).toFixed(1), p99: +percentile(ms, 0.99).toFixed(1), max: +ms.at(-1)!.toFixed(1) };
      };
      const single = stats(oneByOne);
      const atOnce = stats(burst);
      console.info(`Socket Mode envelope ack latency, ms: one by one ${JSON.stringify(single)}; 50 at once ${JSON.stringify(atOnce)}`);
      expect(single.max).toBeLessThan(3000);
      expect(atOnce.max).toBeLessThan(3000);
      await t.idle();
      expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CSOCK5')).toHaveLength(100);
    } finally {
      await at.close();
    }
  });

  it('a view_submission: invalid, acked with its response_action errors; valid, acked empty after its row is written', async () => {
    const at = inboxAtAck(t, written);
    try {
      const bad = await t.fake.socket!.sendInteractive(viewSubmission({ callback_id: 'kb954960_check', values: modalValues('   ') }));
      expect((await t.fake.socket!.waitForAck(bad)).payload).toMatchObject({ response_action: 'errors', errors: { log: expect.any(String) } });
      const badServer = await t.fake.socket!.sendInteractive(viewSubmission({ callback_id: 'kb954960_check', values: modalValues(SERVER_PASTE, 'bad name!') }));
      expect((await t.fake.socket!.waitForAck(badServer)).payload).toMatchObject({ response_action: 'errors', errors: { server: expect.any(String) } });
      const view_id = `VSOCK${Date.now()}`;
      const submission = viewSubmission({
        callback_id: 'kb954960_check',
        view_id,
        values: modalValues(SERVER_PASTE),
        private_metadata: JSON.stringify({ channel_id: 'CSOCK6' }),
      });
      const good = await t.fake.socket!.sendInteractive(submission, { envelopeId: at.expectRow(`view:${view_id}`) });
      expect((await t.fake.socket!.waitForAck(good)).payload ?? {}).toEqual({});
      expect(at.rowWasThere(good)).toBe(true);
      const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK6');
      expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
    } finally {
      await at.close();
    }
  });

  it('a listener that throws: the envelope is still acked (with what it acked), the error logged, and the bot goes on', async () => {
    t.bot.app.event('reaction_added', async () => {
      throw new Error('a listener broke');
    });
    t.bot.app.view('kb954960_test_throws', async ({ ack }) => {
      await ack({ response_action: 'clear' });
      throw new Error('a view listener broke after its ack');
    });
    const errorsBefore = t.logs.filter((l) => l.msg === 'unhandled error in a Slack listener').length;
    const event = await t.fake.socket!.sendEvent(
      eventCallback({ type: 'reaction_added', user: 'U1', reaction: 'eyes', item: { type: 'message', channel: 'CSOCK7', ts: slackTs() }, event_ts: slackTs() }),
    );
    expect((await t.fake.socket!.waitForAck(event)).envelope_id).toBe(event);
    const view = await t.fake.socket!.sendInteractive(viewSubmission({ callback_id: 'kb954960_test_throws' }));
    expect((await t.fake.socket!.waitForAck(view)).payload).toEqual({ response_action: 'clear' });
    const logged = t.logs.filter((l) => l.msg === 'unhandled error in a Slack listener').slice(errorsBefore);
    expect(logged.map((l) => (l.err as { message?: string } | undefined)?.message)).toEqual(['a listener broke', 'a view listener broke after its ack']);
    // still connected on the same socket, and answering
    expect(t.fake.socket!.connections.filter((c) => c.closedAt === undefined)).toHaveLength(1);
    const ts = slackTs();
    await t.fake.socket!.waitForAck(await t.fake.socket!.sendEvent(messageEvent({ channel: 'CSOCK7', ts, text: SERVER_PASTE })));
    expect((await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK7')).body.thread_ts).toBe(ts);
  });

  it('an interactive envelope (message shortcut): acked, answered in the thread', async () => {
    const ts = slackTs();
    const id = await t.fake.socket!.sendInteractive(
      messageShortcut({ callback_id: 'kb954960_diagnose', channel: 'CSOCK4', message: { text: SERVER_PASTE, ts } }),
    );
    await t.fake.socket!.waitForAck(id);
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSOCK4');
    expect(post.body.thread_ts).toBe(ts);
    expect(headerText(post.body.blocks)).toMatch(/^KB954960: affected/);
  });
});

describe('Socket Mode behind a middleware that waits on I/O', () => {
  let t: TestBot;
  const written: Written = new Map();

  beforeAll(async () => {
    const clock = testClock();
    t = await startTestBot({ socketMode: true, clock, storage: (config) => recordingStorage(config, clock, written) });
    // A global middleware that yields to the event loop (as one that awaits I/O would) before the listeners run: an
    // envelope acked before the listeners — Bolt's own SocketModeReceiver acks an event first thing — reaches the
    // fake while the event is not yet written.
    t.bot.app.use(async ({ next }) => {
      // Not a wait of the test: the middleware's stand-in for slow I/O, the thing under test (an ack must not race it).
      await new Promise((r) => setTimeout(r, 20));
      await next();
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('each ack (event, slash command, shortcut) reaches Slack only once its inbox row is in the database', async () => {
    const at = inboxAtAck(t, written);
    try {
      const sent: string[] = [];
      for (let i = 0; i < 5; i++) {
        const body = messageEvent({ channel: 'CSLOW1', text: SERVER_PASTE });
        sent.push(await t.fake.socket!.sendEvent(body, { envelopeId: at.expectRow(body.event_id) }));
      }
      const command = slashCommand({ text: `check ${CLIENT_PASTE}`, response_url: t.fake.responseUrl() });
      sent.push(await t.fake.socket!.sendSlashCommand(command, { envelopeId: at.expectRow(`command:${command.trigger_id}`) }));
      const ts = slackTs();
      const shortcut = messageShortcut({ callback_id: 'kb954960_diagnose', channel: 'CSLOW2', message: { text: SERVER_PASTE, ts } });
      sent.push(await t.fake.socket!.sendInteractive(shortcut, { envelopeId: at.expectRow(`shortcut:${String(shortcut.trigger_id)}:message:CSLOW2:${ts}`) }));
      for (const id of sent) await t.fake.socket!.waitForAck(id);
      expect(sent.map((id) => at.rowWasThere(id))).toEqual(sent.map(() => true));
      await t.idle();
    } finally {
      await at.close();
    }
  });

  it('the connection drops before the ack: no ack, no crash; Slack redelivers on the new connection and it is answered once', async () => {
    const ts = slackTs();
    const body = messageEvent({ channel: 'CSLOW3', ts, text: SERVER_PASTE });
    const first = await t.fake.socket!.sendEvent(body);
    t.fake.socket!.terminateAll(); // the deferred ack finds no connection: Bolt's processEventErrorHandler logs it
    // the client reconnects after its ping timeout (5 s), through a new apps.connections.open
    const conns = t.fake.socket!.connections;
    await expect.poll(() => conns.length > 1 && conns.filter((c) => c.closedAt === undefined).length, { timeout: 15_000 }).toBe(1);
    const again = await t.fake.socket!.sendEvent(body, { retryAttempt: 1, retryReason: 'timeout' });
    await t.fake.socket!.waitForAck(again);
    await t.idle();
    // the ack was attempted once the listeners returned, failed, and went through Bolt's error rule (not acked)
    expect(t.logs.some((l) => l.component === 'bolt' && /unhandled error occurred while Bolt processed .*SMSend/.test(String(l.msg)))).toBe(true);
    expect(t.fake.socket!.acks.filter((a) => a.envelope_id === first)).toEqual([]);
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CSLOW3')).toHaveLength(1);
    expect(await t.storage.inbox.item(`message:CSLOW3:${ts}`)).toMatchObject({ attempts: 1, outcome: 'replied' });
  }, 20_000);
});
