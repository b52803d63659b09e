import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { visibleText } from './support/block-kit.js';
import { TEST_NOW } from './support/clock.js';
import { KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { appHomeOpened, messageEvent, postEvent, postSlashCommand, slashCommand, slackTs } from './support/index.js';

// The fleet view through the real app: App Home, /kb954960 subscribe|status, and the daily post it schedules.
describe('App Home, subscriptions and the daily post (HTTP mode)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { STATUS_TIMEZONE: 'Asia/Tokyo', STATUS_TIME: '09:00' } });
    // One affected server in the history, from a pasted log.
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CPASTE', ts: slackTs(), text: KB_CLIENT_EXAMPLE }));
    await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CPASTE');
    await t.idle();
  });
  afterAll(async () => {
    await t.close();
  });

  const slash = async (text: string, channel = 'CSTATUS') => {
    const responseUrl = t.fake.responseUrl();
    const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, channel_id: channel, response_url: responseUrl }));
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return call.body as { text: string; blocks?: unknown[]; response_type?: string };
  };

  it('publishes the fleet summary and how to use the bot on App Home', async () => {
    const res = await postEvent(t.events, SIGNING_SECRET, appHomeOpened({ user: 'UHOME' }));
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('views.publish', (c) => c.body.user_id === 'UHOME');
    const view = call.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const text = visibleText(view.blocks);
    expect(text).toContain('wsusebc'); // the affected server of the pasted log
    expect(text).toContain('/kb954960 check');
  });

  it('shows the status on demand, ephemerally', async () => {
    const body = await slash('status');
    expect(body.response_type).toBe('ephemeral');
    expect(visibleText(body.blocks)).toContain('wsusebc');
  });

  it('subscribes a channel and posts the daily status there once, at its time', async () => {
    const body = await slash('subscribe 08:30 ja');
    expect(body.text).toMatch(/08:30/);
    // The bot runs at TEST_NOW (21:00 in Tokyo on 11-25); 08:30 there next is 23:30 UTC: run the schedule at 08:31.
    const due = new Date('2026-11-25T23:31:00.000Z');
    expect(due.getTime() - Date.parse(TEST_NOW)).toBeGreaterThan(0);
    const first = await t.bot.scheduler.runDue(due);
    expect(first.posted).toContain('CSTATUS');
    const post = await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CSTATUS');
    expect(String(post.body.text)).toContain('KB954960');
    expect(visibleText(post.body.blocks)).toContain('wsusebc');
    const again = await t.bot.scheduler.runDue(new Date(due.getTime() + 60_000));
    expect(again.posted).not.toContain('CSTATUS');
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === 'CSTATUS')).toHaveLength(1);
  });

  it('unsubscribes, and posts nothing the next day', async () => {
    const body = await slash('unsubscribe');
    expect(body.text.length).toBeGreaterThan(0);
    const next = await t.bot.scheduler.runDue(new Date('2026-11-26T23:31:00.000Z'));
    expect(next.posted).not.toContain('CSTATUS');
  });
});
