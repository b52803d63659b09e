// One time-zone rule, and `subscribe` saying what is wrong and whom to ask — through the real app (HTTP mode, the fake
// Slack) and the built CLI. Slack: `<!date^…>` for times, text naming the zone the post is for (the channel's
// subscription, else STATUS_TIMEZONE); the CLI: ISO 8601 with the offset.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNING_SECRET, startTestBot, type TestBot } from './support/bot.js';
import { childEnv, TEST_NOW } from './support/clock.js';
import { fixture, KB_CLIENT_EXAMPLE } from './support/fixtures.js';
import { messageEvent, postEvent, postSlashCommand, slashCommand, slackTs } from './support/index.js';
import { databaseEnvFor } from './support/storage.js';

// TEST_NOW is 2026-11-25 12:00 UTC: 21:00 in Tokyo, 07:00 in New York.
const UNIX_NOW = Date.parse(TEST_NOW) / 1000;

describe('Slack: times in the zone the post is for; subscribe explains itself (HTTP mode)', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ env: { STATUS_TIMEZONE: 'Asia/Tokyo', STATUS_TIME: '09:00', ADMIN_USER_IDS: 'U0ADMIN,U0ADM2' } });
    await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel: 'CPASTE', user: 'U0ADMIN', ts: slackTs(), text: KB_CLIENT_EXAMPLE }));
    await t.fake.waitFor('chat.postMessage', (c) => c.body.channel === 'CPASTE');
    await t.idle();
  });
  afterAll(async () => {
    await t?.close();
  });

  const slash = async (text: string, channel: string, user = 'U0ADMIN') => {
    const responseUrl = t.fake.responseUrl();
    const res = await postSlashCommand(t.events, SIGNING_SECRET, slashCommand({ text, user_id: user, channel_id: channel, response_url: responseUrl }));
    expect(res.status).toBe(200);
    const call = await t.fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname);
    return call.body as { text: string; blocks?: unknown[] };
  };

  it('`/kb954960 status` names STATUS_TIMEZONE, as the daily post does, not UTC; times in blocks are <!date>', async () => {
    const body = await slash('status', 'CZONE1');
    expect(body.text.split('\n')[0]).toBe('KB954960 fleet status — 2026-11-25 21:00 (Asia/Tokyo)');
    expect(body.text).not.toContain('UTC');
    expect(JSON.stringify(body.blocks)).toContain(`<!date^${UNIX_NOW}^{date_short_pretty} {time}|2026-11-25 21:00>`);
  });

  it('`/kb954960 status` in a channel subscribed in another zone says that zone, as its daily post will', async () => {
    expect((await slash('subscribe 08:30 America/New_York', 'CZONE2')).text).toMatch(/^Subscribed: .* at 08:30 \(America\/New_York\)/);
    const body = await slash('status', 'CZONE2');
    expect(body.text.split('\n')[0]).toBe('KB954960 fleet status — 2026-11-25 07:00 (America/New_York)');
    expect(JSON.stringify(body.blocks)).toContain(`<!date^${UNIX_NOW}^{date_short_pretty} {time}|2026-11-25 07:00>`);
  });

  it("subscribe: the next post as <!date> (each reader's own time)", async () => {
    const body = await slash('subscribe 08:30', 'CZONE3');
    // 08:30 in Tokyo next is 2026-11-25T23:30Z.
    expect(body.text).toContain(`Next post: <!date^${Date.parse('2026-11-25T23:30:00Z') / 1000}^{date_short_pretty} {time}|2026-11-26 08:30>.`);
  });

  it('`/kb954960 server` text (the notification) shows readable times in the zone, not raw ISO', async () => {
    await slash('server wsusebc dll 3.1.6001.65', 'CZONE4');
    const body = await slash('server wsusebc', 'CZONE4');
    expect(body.text).toContain('3.1.6001.65 (2026-11-25 21:00 Asia/Tokyo');
    expect(body.text).toContain('KB954960 failure last seen: 2026-11-25 21:00 Asia/Tokyo');
    expect(body.text).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('subscribe 25:00: the time is invalid and the form it takes (HH:MM, 00:00–23:59); nothing subscribed', async () => {
    for (const [bad, user] of [
      ['25:00', 'U0ADMIN'],
      ['9', 'U0ADMIN'],
      ['24:00', 'U0BOB'],
    ] as const) {
      const body = await slash(`subscribe ${bad} ja`, 'CZONE5', user);
      expect(body.text).toBe(
        `${bad} is not a time of day: give it as HH:MM, from 00:00 to 23:59 (e.g. \`/kb954960 subscribe 09:00 ja\`). Nothing was changed.`,
      );
    }
    await slash('lang ja', 'CZONE5', 'U0ADMIN');
    expect((await slash('subscribe 25:00', 'CZONE5')).text).toBe(
      '25:00 は時刻として読めません。HH:MM 形式 (00:00～23:59) で指定してください (例: `/kb954960 subscribe 09:00 ja`)。購読は変更していません。',
    );
    await slash('lang en', 'CZONE5', 'U0ADMIN');
    expect(await t.storage.status.subscription('CZONE5')).toBeNull();
  });

  it("a non-admin's subscribe is refused naming the admins to ask (en, ja)", async () => {
    expect((await slash('subscribe 08:30', 'CZONE6', 'U0BOB')).text).toBe(
      'Sorry — only the admins listed in ADMIN_USER_IDS can change this: ask <@U0ADMIN>, <@U0ADM2>. Reading is open to everyone.',
    );
    await slash('lang ja', 'CZONE6', 'U0BOB');
    expect((await slash('unsubscribe', 'CZONE6', 'U0BOB')).text).toBe(
      'この操作は管理者 (ADMIN_USER_IDS) のみが行えます。<@U0ADMIN>、<@U0ADM2> に依頼してください。参照系のコマンドはどなたでも使えます。',
    );
  });
});

describe('the CLI: times as ISO 8601 with the offset (STATUS_TIMEZONE)', () => {
  const BIN = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
  let dir: string;
  let database: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run 'npm run build' first`);
    dir = mkdtempSync(join(tmpdir(), 'kb954960-times-'));
    // The CLI runs on the test engine's storage for `dir`: a SQLite file there, or its PostgreSQL database.
    database = await databaseEnvFor(dir, 'kb.db');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (args: string[], zone = 'Asia/Tokyo') =>
    spawnSync(process.execPath, [BIN, ...args], {
      env: childEnv({ ...database, STATUS_TIMEZONE: zone }),
      encoding: 'utf8',
      timeout: 20_000,
    });

  it('status, history and server print 2026-11-25T21:00+09:00, never "(UTC)" or raw milliseconds', () => {
    const log = join(dir, 'WindowsUpdate.log');
    writeFileSync(log, fixture('client-affected.log'));
    expect(run(['scan', log]).status).toBe(1);
    const status = run(['status']);
    expect(status.stderr).toBe('');
    expect(status.stdout.split('\n')[0]).toBe('KB954960 fleet status — 2026-11-25T21:00+09:00');
    expect(status.stdout).toContain('1 detection, 2026-11-25T21:00+09:00');
    expect(status.stdout).not.toContain('UTC');
    expect(run(['history']).stdout).toMatch(/^2026-11-25T21:00\+09:00 {2}affected/);
    expect(run(['server', 'wsusebc', 'dll', '3.1.6001.65']).status).toBe(0);
    const server = run(['server', 'wsusebc']).stdout;
    expect(server).toContain('3.1.6001.65 (2026-11-25T21:00+09:00)');
    expect(server).toContain('KB954960 failure last seen: 2008-08-12T18:15+09:00'); // the failure's own (log) time, in the zone;
    expect(server).not.toContain('.000Z');
    expect(run(['status'], 'America/New_York').stdout.split('\n')[0]).toBe('KB954960 fleet status — 2026-11-25T07:00-05:00');
    expect(run(['status'], 'UTC').stdout.split('\n')[0]).toBe('KB954960 fleet status — 2026-11-25T12:00Z');
  });
});
