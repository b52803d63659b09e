// /metrics, /healthz and /readyz: the real bot (HTTP mode on Slack's port; Socket Mode on PORT) against the fake
// Slack, after real pastes, a retried Web API call and a daily post. Metrics never carry a server name, a user or
// channel ID, or text from a log or the bot's own log lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Metrics } from '../src/metrics.js';
import { opsHandlers } from '../src/ops-routes.js';
import type { Storage } from '../src/store/port.js';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { TEST_NOW } from './support/clock.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { get, messageEvent, postEvent, postSlashCommand, reply, slashCommand } from './support/index.js';
import { slackTs } from './support/payloads.js';

/** One sample's value from Prometheus text: `name{labels} value`, labels exactly as given (sorted as prom-client writes them). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('HTTP mode: /metrics on Slack port', () => {
  let t: TestBot;
  const SERVER = 'wsusebc'; // the server KB_CLIENT_EXAMPLE names
  const USER = 'UMETRICS1';
  const CHANNEL = 'CMETRICS1';
  const metrics = async () => {
    const res = await get(`${t.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestBot({ apiRetries: 1, env: { STATUS_TIMEZONE: 'Asia/Tokyo' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('starts with every series an alert needs, at zero', async () => {
    const text = await metrics();
    expect(sample(text, 'kb954960_fleet_reports_total', 'result="accepted"')).toBe(0);
    expect(sample(text, 'kb954960_fleet_reports_total', 'result="refused"')).toBe(0);
    expect(sample(text, 'kb954960_work_queue_depth')).toBe(0);
    expect(sample(text, 'kb954960_work_queue_oldest_seconds')).toBe(0);
    expect(sample(text, 'kb954960_scans_total')).toBe(0);
    expect(sample(text, 'kb954960_status_posts_total')).toBe(0);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('counts requests, acks, scans, replies, Web API errors and retries, and daily posts', async () => {
    // The first reply meets an HTTP 500, which the client retries once.
    t.fake.respondWith('chat.postMessage', reply(500, 'oops'), { times: 1 });
    const ts = slackTs();
    const res = await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: CHANNEL, user: USER, ts, text: KB_CLIENT_EXAMPLE }));
    expect(res.status).toBe(200);
    await t.worked(`message:${CHANNEL}:${ts}`);
    // A daily post.
    const responseUrl = t.fake.responseUrl();
    await postSlashCommand(
      t.events,
      SIGNING_SECRET,
      slashCommand({ text: 'subscribe 08:30 en', channel_id: 'CMETRICS2', user_id: USER, response_url: responseUrl }),
    );
    await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    await t.idle();
    const due = new Date(Date.parse(TEST_NOW) + 11.6 * 3_600_000); // 08:36 the next morning in Tokyo
    expect((await t.bot.scheduler.runDue(due)).posted).toEqual(['CMETRICS2']);

    const text = await metrics();
    expect(sample(text, 'kb954960_slack_requests_total', 'transport="http",status="200"')).toBe(2);
    expect(sample(text, 'kb954960_slack_ack_seconds_count', 'transport="http"')).toBe(2);
    expect(sample(text, 'kb954960_slack_ack_seconds_bucket', 'le="3",transport="http"')).toBe(2);
    expect(sample(text, 'kb954960_scans_total')).toBe(1);
    expect(sample(text, 'kb954960_scan_bytes_total')).toBe(Buffer.byteLength(KB_CLIENT_EXAMPLE));
    expect(sample(text, 'kb954960_scan_seconds_count')).toBe(1);
    expect(sample(text, 'kb954960_reply_seconds_count', 'kind="message",outcome="replied"')).toBe(1);
    expect(sample(text, 'kb954960_reply_seconds_count', 'kind="command",outcome="replied"')).toBe(1);
    expect(sample(text, 'kb954960_slack_api_errors_total', 'method="chat.postMessage",error="http_500"')).toBe(1);
    expect(sample(text, 'kb954960_slack_api_retries_total', 'method="chat.postMessage"')).toBe(1);
    expect(sample(text, 'kb954960_slack_api_requests_total', 'method="chat.postMessage"')).toBe(3); // 500, its retry, the daily post
    expect(sample(text, 'kb954960_status_posts_total')).toBe(1);
    expect(sample(text, 'kb954960_work_queue_depth')).toBe(0);
  });

  it('counts Slack platform errors by their code', async () => {
    t.fake.respondWith('chat.postMessage', { ok: false, error: 'channel_not_found' }, { times: 1 });
    const ts = slackTs();
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CMETRICS3', user: USER, ts, text: KB_CLIENT_EXAMPLE }));
    await t.worked(`message:CMETRICS3:${ts}`);
    const text = await metrics();
    expect(sample(text, 'kb954960_slack_api_errors_total', 'method="chat.postMessage",error="channel_not_found"')).toBe(1);
  });

  it('never shows a server name, a user or channel ID, or text of a log or of the bot log', async () => {
    const text = await metrics();
    for (const secret of [SERVER, USER, CHANNEL, 'CMETRICS2', 'CMETRICS3', 'T1', '3DA21691', 'SyncUpdates', 'ClientWebService', '0x8024400E']) {
      expect(text, secret).not.toContain(secret);
    }
    const logged = new Set(t.logs.map((l) => l.msg).filter((m): m is string => typeof m === 'string' && m.length > 8));
    expect(logged.size).toBeGreaterThanOrEqual(3);
    for (const msg of logged) expect(text, msg).not.toContain(msg);
  });

  it('answers /healthz and /readyz with 200 while the database answers and the queue moves', async () => {
    expect((await get(`${t.url}/healthz`)).status).toBe(200);
    const ready = await get(`${t.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ ok: true, database: true, queue: { ok: true, depth: 0, oldestSeconds: 0 } });
  });
});

describe('/readyz says 503', () => {
  const store = (up: boolean) => ({ ping: async () => up }) as unknown as Storage;
  const ask = async (handlers: ReturnType<typeof opsHandlers>) => {
    let status = 0;
    let body = '';
    const res = { writeHead: (s: number) => (status = s), end: (b: string) => (body = b) };
    await handlers['/readyz']!({} as never, res as never);
    return { status, body: JSON.parse(body) as Record<string, unknown> };
  };

  it('while the database does not answer', async () => {
    const r = await ask(opsHandlers({ store: store(false), metrics: new Metrics(), stuckAfterSeconds: 600 }));
    expect(r).toEqual({ status: 503, body: { ok: false, database: false, queue: { ok: true, depth: 0, oldestSeconds: 0 } } });
  });

  it('while the oldest work has waited past the bound (the queue is stuck)', async () => {
    const metrics = new Metrics();
    metrics.watchQueue(() => ({ depth: 4, oldestSeconds: 601 }));
    expect(await ask(opsHandlers({ store: store(true), metrics, stuckAfterSeconds: 600 }))).toEqual({
      status: 503,
      body: { ok: false, database: true, queue: { ok: false, depth: 4, oldestSeconds: 601 } },
    });
    metrics.watchQueue(() => ({ depth: 4, oldestSeconds: 599 }));
    expect((await ask(opsHandlers({ store: store(true), metrics, stuckAfterSeconds: 600 }))).status).toBe(200);
  });
});

describe('Socket Mode: /healthz, /readyz and /metrics on PORT', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ socketMode: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves them on a port of their own', async () => {
    expect(t.port).toBeGreaterThan(0);
    expect((await get(`${t.url}/healthz`)).status).toBe(200);
    expect((await get(`${t.url}/readyz`)).status).toBe(200);
    const m = await get(`${t.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.body).toContain('kb954960_slack_requests_total');
    expect((await get(`${t.url}/slack/events`)).status).toBe(404);
  });

  it('counts envelopes acked over the socket', async () => {
    const ts = slackTs();
    const envelope = await t.fake.socket!.sendEvent(messageEvent({ channel: 'CSOCKM', ts, text: KB_CLIENT_EXAMPLE }));
    await t.fake.socket!.waitForAck(envelope);
    await t.worked(`message:CSOCKM:${ts}`);
    const text = (await get(`${t.url}/metrics`)).body;
    expect(sample(text, 'kb954960_slack_requests_total', 'transport="socket",status="ack"')).toBe(1);
    expect(sample(text, 'kb954960_slack_ack_seconds_count', 'transport="socket"')).toBe(1);
    expect(sample(text, 'kb954960_scans_total')).toBe(1);
  });
});
