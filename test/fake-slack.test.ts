// Proves the test/support harness against a minimal Bolt App (not the product app).
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  get,
  messageEvent,
  postEvent,
  postInteraction,
  postSlashCommand,
  rateLimited,
  slashCommand,
  messageShortcut,
  startFakeSlack,
  type FakeSlack,
} from './support/index.js';

const SECRET = 'test-signing-secret';
const BOT_TOKEN = 'xoxb-test-token';
const APP_TOKEN = 'xapp-1-A1-test';

function registerListeners(app: App): void {
  app.command('/kb954960', async ({ ack, respond, command }) => {
    await ack();
    await respond({ response_type: 'ephemeral', text: `you said: ${command.text}` });
  });
  app.message(/WindowsUpdate/, async ({ message, say }) => {
    const ts = 'ts' in message ? message.ts : undefined;
    await say({ text: 'found something', thread_ts: ts });
  });
  app.shortcut('diagnose', async ({ ack, respond }) => {
    await ack();
    await respond('shortcut done');
  });
}

describe('fake Slack: HTTP mode', () => {
  let fake: FakeSlack;
  let app: App;
  let base: string;

  beforeAll(async () => {
    // the fake must be up before `new App`: Bolt calls auth.test from the constructor
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
    app = new App({
      token: BOT_TOKEN,
      signingSecret: SECRET,
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok: true }));
          },
        },
      ],
    });
    registerListeners(app);
    // HTTPReceiver.start() accepts net.ListenOptions and resolves with the http.Server
    const server = await app.start({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  afterEach(() => fake.reset());

  it('serves customRoutes (GET /healthz) and 404s unknown paths', async () => {
    const res = await get(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ok: true });
    expect((await get(`${base}/nope`)).status).toBe(404);
  });

  it('acks a signed slash command within 3 s and respond() reaches the response_url sink', async () => {
    const responseUrl = fake.responseUrl();
    const res = await postSlashCommand(`${base}/slack/events`, SECRET, slashCommand({ text: 'help', response_url: responseUrl }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const call = await fake.waitFor('response_url');
    expect(call.path).toBe(new URL(responseUrl).pathname);
    expect(call.body).toMatchObject({ response_type: 'ephemeral', text: 'you said: help' });
    expect(call.headers['content-type']).toContain('application/json');
  });

  it('a signed message event leads to chat.postMessage with the bot token', async () => {
    const env = messageEvent({ channel: 'C9', user: 'U1', text: 'see WindowsUpdate.log', ts: '1700000000.000100' });
    const res = await postEvent(`${base}/slack/events`, SECRET, env);
    expect(res.status).toBe(200);
    const call = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C9');
    expect(call.body).toMatchObject({ channel: 'C9', text: 'found something', thread_ts: '1700000000.000100' });
    expect(call.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  });

  it('a message shortcut is acked and responds', async () => {
    const res = await postInteraction(`${base}/slack/events`, SECRET, messageShortcut({ response_url: fake.responseUrl() }));
    expect(res.status).toBe(200);
    expect((await fake.waitFor('response_url')).body).toMatchObject({ text: 'shortcut done' });
  });

  it('rejects a bad signature with 401', async () => {
    const res = await postEvent(`${base}/slack/events`, SECRET, messageEvent({ text: 'WindowsUpdate' }), { signature: 'v0=deadbeef' });
    expect(res.status).toBe(401);
    const res2 = await postEvent(`${base}/slack/events`, 'wrong-secret', messageEvent({ text: 'WindowsUpdate' }));
    expect(res2.status).toBe(401);
  });

  it('rejects a stale timestamp (> 5 min) with 401', async () => {
    const stale = Math.floor(Date.now() / 1000) - 5 * 60 - 10;
    const event = messageEvent({ channel: 'CSTALE', text: 'WindowsUpdate', ts: '1700000000.000200' });
    const res = await postEvent(`${base}/slack/events`, SECRET, event, { ts: stale });
    expect(res.status).toBe(401);
    // The same event signed now is answered; once its answer is in, the stale one (sent first) had its chance too.
    expect((await postEvent(`${base}/slack/events`, SECRET, event)).status).toBe(200);
    await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSTALE');
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('fake Slack: the fake itself', () => {
  let fake: FakeSlack;
  beforeAll(async () => {
    fake = await startFakeSlack({ botToken: BOT_TOKEN });
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('records form and JSON bodies, decodes JSON form fields, and answers defaults', async () => {
    const { WebClient } = await import('@slack/bolt').then((b) => b.webApi);
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    const r1 = await client.chat.postMessage({ channel: 'C1', text: 'hi', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }] });
    const r2 = await client.chat.postMessage({ channel: 'C1', text: 'again' });
    expect(Number(r2.ts)).toBeGreaterThan(Number(r1.ts));
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(call.body.blocks).toEqual([{ type: 'section', text: { type: 'mrkdwn', text: 'x' } }]);
    expect((await client.auth.test()).user_id).toBe('UBOT');
    expect((await client.chat.getPermalink({ channel: 'C1', message_ts: '1.2' })).permalink).toBe('https://example.slack.com/archives/C/p123');
    expect((await client.apiCall('no.such.method')).ok).toBe(true);
    expect(fake.callsTo('no.such.method')).toHaveLength(1);

    const json = await fetch(`${fake.apiUrl}chat.update`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${BOT_TOKEN}` },
      body: JSON.stringify({ channel: 'C1', ts: '1.2', text: 'edited' }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: 'C1', ts: '1.2' });
    expect((await fake.waitFor('chat.update')).body).toEqual({ channel: 'C1', ts: '1.2', text: 'edited' });
  });

  it('injects 429 / 500 / ok:false / slow answers', async () => {
    const { WebClient, ErrorCode } = await import('@slack/bolt').then((b) => b.webApi);
    const client = new WebClient(BOT_TOKEN, {
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logLevel: LogLevel.ERROR,
    });
    fake.respondWith('chat.postMessage', rateLimited(7), { times: 1 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    await expect(client.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true }); // override used up

    fake.respondWith('chat.update', { status: 500, body: 'boom' }, { times: 1 });
    await expect(client.chat.update({ channel: 'C1', ts: '1', text: 'x' })).rejects.toMatchObject({ code: ErrorCode.HTTPError, statusCode: 500 });

    fake.respondWith('views.open', { ok: false, error: 'expired_trigger_id' });
    await expect(client.views.open({ trigger_id: 't', view: { type: 'modal', title: { type: 'plain_text', text: 'x' }, blocks: [] } })).rejects.toMatchObject({
      code: ErrorCode.PlatformError,
      data: { error: 'expired_trigger_id' },
    });
    fake.respondWith('views.open', null);

    fake.respondWith('conversations.info', () => ({ status: 200, delayMs: 300, body: { ok: true, channel: { id: 'C1' } } }));
    const t0 = Date.now();
    await client.conversations.info({ channel: 'C1' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
  });

  it('checks tokens like Slack: botToken for the Web API, an xapp- token for apps.connections.open', async () => {
    const { WebClient } = await import('@slack/bolt').then((b) => b.webApi);
    const opts = { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR };
    await expect(new WebClient('xoxb-wrong', opts).auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    await expect(new WebClient(BOT_TOKEN, opts).apps.connections.open({})).rejects.toMatchObject({ data: { error: 'not_allowed_token_type' } });
    // this fake was started without socketMode, so even a good xapp- token gets an explanatory error
    await expect(new WebClient(APP_TOKEN, opts).apps.connections.open({})).rejects.toMatchObject({
      data: { error: 'fake_slack_socket_mode_not_enabled' },
    });
  });

  it('serves registered files, records Authorization, answers files.info, and waitFor explains timeouts', async () => {
    const file = fake.fileHost.addFile({ name: 'Windows Update.log', bytes: 'line1\r\nline2\r\n' });
    const { WebClient } = await import('@slack/bolt').then((b) => b.webApi);
    const client = new WebClient(BOT_TOKEN, { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect((await client.files.info({ file: file.id })).file?.url_private_download).toBe(file.url_private_download);

    const ok = await fetch(file.url_private_download, { headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    expect(await ok.text()).toBe('line1\r\nline2\r\n');
    const anon = await fetch(file.url_private); // real Slack: 200 + HTML sign-in page without the token
    expect(anon.headers.get('content-type')).toContain('text/html');
    expect(fake.fileHost.downloads.map((d) => d.authorization)).toEqual([`Bearer ${BOT_TOKEN}`, undefined]);

    await expect(fake.waitFor('chat.delete', 50)).rejects.toThrow(/no call to chat.delete within 50 ms. Recorded calls:\n.*files.info/s);
  });
});

describe('fake Slack: Socket Mode', () => {
  let fake: FakeSlack;
  let app: App;

  beforeAll(async () => {
    fake = await startFakeSlack({ socketMode: true });
    app = new App({
      token: BOT_TOKEN,
      appToken: APP_TOKEN,
      socketMode: true,
      logLevel: LogLevel.ERROR,
      // the SocketModeReceiver's own WebClient (apps.connections.open) gets these same clientOptions
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerListeners(app);
    await app.start(); // resolves on `hello`
  });

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it('connected through apps.connections.open with the app token and got hello', async () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
    const conn = await fake.socket!.waitForConnection();
    expect(conn.ticket).toBe('1');
  });

  it('acks an events_api envelope by envelope_id and handles it', async () => {
    const id = await fake.socket!.sendEvent(messageEvent({ channel: 'C7', text: 'WindowsUpdate.log attached' }));
    const ack = await fake.socket!.waitForAck(id);
    expect(ack.envelope_id).toBe(id);
    const call = await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C7');
    expect(call.body.text).toBe('found something');
  });

  it('acks a slash_commands envelope and respond() reaches the sink', async () => {
    const id = await fake.socket!.sendSlashCommand(slashCommand({ text: 'status', response_url: fake.responseUrl() }));
    const ack = await fake.socket!.waitForAck(id);
    expect(ack.payload).toEqual({});
    expect((await fake.waitFor('response_url')).body).toMatchObject({ text: 'you said: status' });
  });

  it('acks an interactive envelope', async () => {
    const id = await fake.socket!.sendInteractive(messageShortcut({ response_url: fake.responseUrl() }));
    await fake.socket!.waitForAck(id);
    await fake.waitFor('response_url', (c) => c.body.text === 'shortcut done');
  });

  it('reconnects after a disconnect message, through a new apps.connections.open', async () => {
    fake.socket!.sendDisconnect('refresh_requested');
    await fake.waitFor('apps.connections.open', (c) => c !== fake.callsTo('apps.connections.open')[0], 15_000);
    await expect.poll(() => fake.socket!.connections.filter((c) => c.closedAt === undefined).length, { timeout: 15_000 }).toBe(1);
    const id = await fake.socket!.sendEvent(messageEvent({ channel: 'C8', text: 'WindowsUpdate again' }));
    await fake.socket!.waitForAck(id);
    await fake.waitFor('chat.postMessage', (c) => c.body.channel === 'C8');
  }, 20_000);
});
