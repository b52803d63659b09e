// Secrets, privacy and authority: tokens and the signing secret never reach the logs (even at debug level, even on
// error paths); raw pasted logs are never stored, only the matched lines; HISTORY_DAYS purges old diagnoses; requests
// signed with a timestamp from the future are refused; with ADMIN_USER_IDS only admins change facts and subscriptions.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSlashCommand, type SlashContext } from '../commands/index.js';
import { check, inlineScan } from '../src/check.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { purgeOnce, startRetention } from '../src/retention.js';
import type { Storage } from '../src/store/port.js';
import { get, messageEvent, postEvent, postSlashCommand, slackError, slashCommand } from './support/index.js';
import { startTestBot, type StartBotOptions, type TestBot } from './support/bot.js';
import { waitUntil } from './support/wait.js';
import { MATCHED, PASTE, pasteEveryWay } from './support/privacy.js';
import { integrityCheck, openTestStorage, storedTexts } from './support/storage.js';

const BOT_TOKEN = 'xoxb-1111111111-2222222222-SeCrEtBoTtOkEnValue';
const APP_TOKEN = 'xapp-1-A0123456789-3333333333-SeCrEtApPtOkEnValue';
const SIGNING_SECRET = 'f00dfacecafebabe5ec12e75191ab6e1';
const FORBIDDEN = [BOT_TOKEN, APP_TOKEN, SIGNING_SECRET, 'Bearer xoxb', 'Bearer xapp', 'SeCrEtBoTtOkEnValue', 'SeCrEtApPtOkEnValue'];

let tsSeq = 0;
const nextTs = () => `${1_760_000_000 + ++tsSeq}.000200`;

/** This file's tokens and secret (the signing secret in Socket Mode too), LOG_LEVEL=debug unless told, fewer reply attempts. */
function startBot(o: Pick<StartBotOptions, 'socketMode' | 'env' | 'logLevel'> = {}): Promise<TestBot> {
  return startTestBot({
    botToken: BOT_TOKEN,
    appToken: APP_TOKEN,
    signingSecret: SIGNING_SECRET,
    logLevel: 'debug',
    replyRetry: { attempts: 2, baseMs: 10 },
    // what a careless log line might do, before the bot starts
    beforeStart: (_storage, _fake, { config, logger }) => logger.info({ config }, 'starting with this configuration'),
    ...o,
  });
}

function expectNoSecrets(logs: string[]): void {
  const text = logs.join('');
  for (const secret of FORBIDDEN) {
    const at = text.indexOf(secret);
    expect(at, `"${secret}" leaked into the log: …${text.slice(Math.max(0, at - 200), at + 100)}…`).toBe(-1);
  }
}

describe('secrets never reach the logs', () => {
  describe('HTTP mode at LOG_LEVEL=debug', () => {
    let r: TestBot;
    beforeAll(async () => {
      r = await startBot();
    });
    afterAll(async () => {
      await r?.close();
    });

    it('a slash command, a pasted log, a file download, Slack errors and bad requests: no token, no secret', async () => {
      const { fake } = r;
      const events = `${r.url}/slack/events`;

      // Slash commands (answered through response_url).
      for (const text of ['help', `check ${PASTE}`, 'server wsus01', 'history']) {
        const responseUrl = fake.responseUrl();
        expect((await postSlashCommand(events, SIGNING_SECRET, slashCommand({ text, response_url: responseUrl }))).status).toBe(200);
        await fake.waitFor('response_url', (c) => c.path === new URL(responseUrl).pathname, 5000);
      }

      // A pasted log in a channel: a threaded reply.
      const ts = nextTs();
      expect((await postEvent(events, SIGNING_SECRET, messageEvent({ channel: 'C0SECRET1', ts, text: PASTE }))).status).toBe(200);
      await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts, 5000);

      // An uploaded file: downloaded with the bot token in the Authorization header.
      const file = fake.fileHost.addFile({ name: 'WindowsUpdate.log', bytes: PASTE });
      const fileTs = nextTs();
      expect((await postEvent(events, SIGNING_SECRET, messageEvent({ channel: 'C0SECRET1', ts: fileTs, text: '', files: [file] }))).status).toBe(200);
      await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === fileTs, 5000);
      expect(fake.fileHost.downloads.at(-1)!.authorization).toBe(`Bearer ${BOT_TOKEN}`);

      // A download that fails, and a file link that points off Slack (refused: the token is not sent there).
      fake.respondWith('file_download', { status: 500, body: 'boom' }, { times: 1 });
      const broken = fake.fileHost.addFile({ name: 'broken.log', bytes: PASTE });
      const brokenTs = nextTs();
      await postEvent(events, SIGNING_SECRET, messageEvent({ channel: 'D0SECRET1', ts: brokenTs, text: '', files: [broken] }));
      await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === brokenTs, 5000);
      const offSlackTs = nextTs();
      const downloadsBefore = fake.fileHost.downloads.length;
      await postEvent(
        events,
        SIGNING_SECRET,
        messageEvent({
          channel: 'D0SECRET1',
          ts: offSlackTs,
          text: '',
          files: [
            {
              ...file,
              id: 'F0EVIL',
              url_private_download: `http://evil.example:${new URL(r.url).port}/steal?token=${BOT_TOKEN.slice(0, 5)}`,
              url_private: undefined,
            },
          ],
        }),
      );
      await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === offSlackTs, 5000);
      expect(fake.fileHost.downloads.length).toBe(downloadsBefore);

      // Slack rejects the token (invalid_auth) on the reply: retried, given up, logged — without the token.
      fake.respondWith('chat.postMessage', slackError('invalid_auth'));
      const failTs = nextTs();
      await postEvent(events, SIGNING_SECRET, messageEvent({ channel: 'C0SECRET2', ts: failTs, text: PASTE }));
      await waitUntil('giving up on the reply', async () => (await r.storage.inbox.item(`message:C0SECRET2:${failTs}`))?.outcome === 'failed');
      fake.respondWith('chat.postMessage', null);
      expect(r.rawLogs.some((l) => l.includes('invalid_auth'))).toBe(true);

      // Requests that fail verification: bad signature, stale, from the future, unsigned.
      const body = messageEvent({ channel: 'C0SECRET3', text: PASTE });
      expect((await postEvent(events, SIGNING_SECRET, body, { signature: 'v0=00' })).status).toBe(401);
      expect((await postEvent(events, SIGNING_SECRET, body, { ts: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
      expect((await postEvent(events, SIGNING_SECRET, body, { ts: Math.floor(Date.now() / 1000) + 3600 })).status).toBe(401);
      expect((await postEvent(events, 'not-the-secret', body)).status).toBe(401);

      // Logged objects that carry secrets in odd places are scrubbed too.
      const logger = createLogger('debug', { write: (l: string) => void r.rawLogs.push(l) });
      logger.debug(
        { headers: { Authorization: `Bearer ${BOT_TOKEN}` }, nested: { deeper: { token: BOT_TOKEN, text: `a ${APP_TOKEN} b` } } },
        `sending ${BOT_TOKEN}`,
      );
      logger.error({ err: new Error(`call failed with Bearer ${BOT_TOKEN}`) }, 'failure');
      logger.warn({ url: `https://files.slack.com/x?token=${BOT_TOKEN}` }, 'odd url');

      await r.bot.inbox.idle();
      expect(r.rawLogs.length).toBeGreaterThan(20); // debug really was on
      expectNoSecrets(r.rawLogs);
    });
  });

  describe('Socket Mode at LOG_LEVEL=debug', () => {
    let r: TestBot;
    beforeAll(async () => {
      r = await startBot({ socketMode: true });
    });
    afterAll(async () => {
      await r?.close();
    });

    it('connecting with the app token and handling envelopes: no token in the logs', async () => {
      const { fake } = r;
      expect(fake.callsTo('apps.connections.open')[0]!.headers.authorization).toBe(`Bearer ${APP_TOKEN}`);
      await fake.socket!.sendSlashCommand(slashCommand({ text: `check ${PASTE}`, response_url: fake.responseUrl() }));
      await fake.waitFor('response_url', 5000);
      const ts = nextTs();
      await fake.socket!.sendEvent(messageEvent({ channel: 'C0SOCKET', ts, text: PASTE }));
      await fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ts, 5000);
      await r.bot.inbox.idle();
      expectNoSecrets(r.rawLogs);
    });
  });
});

describe('privacy: raw logs are never stored, only the matched lines', () => {
  let r: TestBot;
  beforeAll(async () => {
    r = await startBot({ logLevel: 'warn' });
  });
  afterAll(async () => {
    await r?.close();
  });

  // The bytes of the SQLite file itself: test/sqlite-privacy.test.ts.
  it('after a paste in a channel, a DM, a file and /kb954960 check, the database holds the matched line but not the canary', async () => {
    await pasteEveryWay(r, SIGNING_SECRET);
    // Every text value of every table.
    const texts = await storedTexts(r);
    expect(
      texts.filter((t) => t.value.includes('ZEBRA-CANARY')).map((t) => `${t.table}.${t.column}`),
      'the canary line is stored',
    ).toEqual([]);
    // the matched line, in the findings of each of the four diagnoses
    expect(texts.filter((t) => t.value.includes(MATCHED)).length).toBeGreaterThanOrEqual(4);
    expect(await r.storage.history.list({ limit: 10 })).toHaveLength(4);
  });
});

describe('HISTORY_DAYS: old diagnoses are purged', () => {
  let dir: string;
  let storage: Storage;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb954960-retention-'));
    storage = await openTestStorage(dir);
  });
  afterAll(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const record = async (at: string) =>
    (
      await check(
        { inputs: [{ chunks: [Buffer.from(PASTE)] }], lang: 'en', now: new Date(at), mayRecordFacts: true, from: { origin: 'cli' } },
        { storage: storage, scan: inlineScan(1 << 20) },
      )
    ).diagnosisId!;

  it('defaults to 365 days; bad values are one clear line', () => {
    expect(loadConfig({}).historyDays).toBe(365);
    expect(loadConfig({ HISTORY_DAYS: '30' }).historyDays).toBe(30);
    expect(() => loadConfig({ HISTORY_DAYS: '0' })).toThrow(/HISTORY_DAYS/);
    expect(() => loadConfig({ HISTORY_DAYS: 'forever' })).toThrow(/HISTORY_DAYS/);
  });

  it('purgeOnce deletes diagnoses (and their findings) and finished inbox items older than HISTORY_DAYS', async () => {
    const now = new Date('2025-06-01T00:00:00Z');
    const old = await record('2024-05-01T00:00:00Z'); // 396 days before
    const edge = await record('2024-06-02T00:00:00Z'); // 364 days before: kept
    const recent = await record('2025-05-31T00:00:00Z');
    await storage.inbox.accept({ key: 'message:C1:1.1', kind: 'message', payload: {}, at: '2024-05-01T00:00:00Z' });
    await storage.inbox.finish('message:C1:1.1', 'replied', '2024-05-01T00:00:01Z', '1.2', old);
    await storage.inbox.accept({ key: 'message:C1:2.1', kind: 'message', payload: {}, at: '2024-05-01T00:00:00Z' }); // old but unfinished: kept
    expect((await storage.history.findingsOf(old)).length).toBeGreaterThan(0);

    const result = await purgeOnce({ store: storage, historyDays: 365, clock: () => now });
    expect(result).toEqual({ before: '2024-06-01T00:00:00.000Z', diagnoses: 1, inbox: 1, statusPosts: 0 });
    const ids = (await storage.history.list({ limit: 100 })).map((h) => h.id);
    expect(ids).not.toContain(old);
    expect(ids).toEqual(expect.arrayContaining([edge, recent]));
    expect(await storage.history.findingsOf(old)).toEqual([]);
    expect(await storage.inbox.item('message:C1:1.1')).toBeNull();
    expect(await storage.inbox.item('message:C1:2.1')).not.toBeNull();
    expect(await integrityCheck({ dir, storage })).toBe('ok');

    // A year later, with HISTORY_DAYS=30, everything but nothing recent goes.
    expect((await purgeOnce({ store: storage, historyDays: 30, clock: () => new Date('2025-06-15T00:00:00Z') })).diagnoses).toBe(1);
    expect((await storage.history.list({ limit: 100 })).map((h) => h.id)).toEqual([recent]);
  });

  /**
   * The storage, with each purge a retention begins (its withExclusive('retention')) counted and kept until it ends:
   * a purge begins at once but may read the clock later (PostgreSQL takes an advisory lock first).
   */
  const observed = () => {
    let begun = 0;
    const running = new Set<Promise<boolean>>();
    const store = new Proxy(storage, {
      get: (target, key) =>
        key === 'withExclusive'
          ? (name: string, fn: () => Promise<void>) => {
              begun++;
              const run = target.withExclusive(name, fn);
              running.add(run);
              void run.finally(() => running.delete(run)).catch(() => undefined);
              return run;
            }
          : Reflect.get(target, key, target),
    });
    return { store, begun: () => begun, settled: () => Promise.allSettled([...running]) };
  };

  it('startRetention purges at start and then on its schedule, and stops', async () => {
    let now = new Date('2030-01-01T00:00:00Z');
    let ticks = 0; // each purge reads the clock once
    await record('2028-01-01T00:00:00Z');
    expect(await storage.history.count()).toBeGreaterThan(0);
    const main = observed();
    const retention = startRetention({
      store: main.store,
      historyDays: 365,
      clock: () => {
        ticks++;
        return now;
      },
      everyMs: 30,
    });
    expect(main.begun()).toBe(1); // the purge at start began at once, before any tick of the schedule
    await waitUntil('the purge at start', async () => (await storage.history.count()) === 0, 2000); // everything was from before 2029
    expect(ticks).toBeGreaterThanOrEqual(1);
    await record('2029-12-01T00:00:00Z');
    const kept = await storage.history.count();
    now = new Date('2031-01-01T00:00:00Z'); // the next tick sees a later day
    await waitUntil('the scheduled purge', async () => (await storage.history.count()) < kept, 2000);
    retention.stop();
    await main.settled(); // a purge begun just before the stop ends first
    const ticksAtStop = ticks;
    const begunAtStop = main.begun();
    await record('2020-01-01T00:00:00Z');
    const after = await storage.history.count();
    // Proof that time for more purges has passed: a second retention on the same schedule, started after the stop,
    // has purged twice (its clock is so early that it deletes nothing).
    let controlTicks = 0;
    const control = observed();
    const stopControl = startRetention({
      store: control.store,
      historyDays: 365,
      clock: () => {
        controlTicks++;
        return new Date('2000-01-01T00:00:00Z');
      },
      everyMs: 30,
    });
    try {
      await waitUntil('two purges of the control', () => controlTicks >= 3, 2000); // its purge at start, then two ticks
    } finally {
      stopControl.stop();
      await control.settled();
    }
    expect(main.begun()).toBe(begunAtStop); // stopped: no more purges
    expect(ticks).toBe(ticksAtStop);
    expect(await storage.history.count()).toBe(after);
  });
});

describe('request authenticity', () => {
  let r: TestBot;
  beforeAll(async () => {
    r = await startBot({ logLevel: 'warn' });
  });
  afterAll(async () => {
    await r?.close();
  });

  it('refuses timestamps more than 5 minutes in the future or the past; accepts the window', async () => {
    const events = `${r.url}/slack/events`;
    const now = Math.floor(Date.now() / 1000);
    const send = (ts: number, channel: string) => postEvent(events, SIGNING_SECRET, messageEvent({ channel, ts: nextTs(), text: PASTE }), { ts });
    expect((await send(now + 5 * 60 + 30, 'C0FUTURE1')).status).toBe(401);
    expect((await send(now + 24 * 3600, 'C0FUTURE2')).status).toBe(401);
    expect((await send(now - 5 * 60 - 30, 'C0PAST1')).status).toBe(401);
    expect((await send(now + 60, 'C0SKEW1')).status).toBe(200); // a clock a minute fast is fine
    expect((await send(now - 60, 'C0SKEW2')).status).toBe(200);
    // Replaying a captured request with a new timestamp breaks the signature.
    const body = JSON.stringify(messageEvent({ channel: 'C0REPLAY', text: PASTE }));
    const { signedHeaders } = await import('./support/index.js');
    const old = signedHeaders(SIGNING_SECRET, body, now - 10);
    const res = await fetch(events, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-signature': old['x-slack-signature'], 'x-slack-request-timestamp': String(now) },
      body,
    });
    expect(res.status).toBe(401);
    await r.bot.inbox.idle();
    const channels = new Set(r.fake.callsTo('chat.postMessage').map((c) => c.body.channel));
    expect([...channels].sort()).toEqual(['C0SKEW1', 'C0SKEW2']);
    expect((await r.storage.history.list({ limit: 10 })).map((h) => h.channelId).sort()).toEqual(['C0SKEW1', 'C0SKEW2']);
    expect((await get(`${r.url}/healthz`)).status).toBe(200);
  });
});

describe('authorization: ADMIN_USER_IDS', () => {
  let dir: string;
  let storage: Storage;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kb954960-admins-'));
    storage = await openTestStorage(dir);
  });
  afterAll(async () => {
    await storage?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ctx = (userId: string, adminUserIds: string[], lang: 'en' | 'ja' = 'en'): SlashContext => ({
    store: storage,
    lang,
    now: new Date('2025-01-01T00:00:00Z'),
    userId,
    adminUserIds,
    channelId: 'C0ADMIN',
    teamId: 'T1',
    maxBytes: 1 << 20,
    defaults: { lang: 'en', statusTime: '09:00', statusTimeZone: 'Asia/Tokyo' },
  });
  const reply = async (text: string, c: SlashContext) => {
    const o = await runSlashCommand(text, c);
    if (o.kind !== 'reply') throw new Error(`expected a reply to ${text}`);
    return o.reply;
  };
  const ADMINS = ['UADMIN1', 'UADMIN2'];

  it('a non-admin may not record server facts: a polite refusal, nothing changed', async () => {
    for (const lang of ['en', 'ja'] as const) {
      const r = await reply('server wsus01 dll 3.1.6001.66', ctx('UNOBODY', ADMINS, lang));
      expect(r.exitCode).toBe(2);
      expect(r.text).toMatch(lang === 'en' ? /admin/i : /管理者/);
      expect(r.text).toContain('ADMIN_USER_IDS');
      expect(r.text).not.toMatch(/\n\s+at |Error/);
      const w = await reply('server wsus01 wsus 3.1.6001.65', ctx('UNOBODY', ADMINS, lang));
      expect(w.exitCode).toBe(2);
    }
    expect(await storage.servers.facts('wsus01')).toBeNull();
  });

  it('an admin may; reads stay open to everyone', async () => {
    const r = await reply('server wsus01 dll 3.1.6001.66', ctx('UADMIN2', ADMINS));
    expect(r.exitCode).toBe(0);
    expect((await storage.servers.facts('wsus01'))!.dllVersion).toBe('3.1.6001.66');
    const read = await reply('server wsus01', ctx('UNOBODY', ADMINS));
    expect(read.exitCode).toBe(0);
    expect(read.text).toContain('3.1.6001.66');
    for (const text of ['history', 'history wsus01', 'help', 'status']) expect((await reply(text, ctx('UNOBODY', ADMINS))).exitCode).not.toBe(2);
    // `check` is a read of the paste, and records a diagnosis: open to everyone.
    expect((await reply(`check ${PASTE}`, ctx('UNOBODY', ADMINS))).exitCode).toBe(0);
  });

  it('without ADMIN_USER_IDS everyone may change facts', async () => {
    const r = await reply('server wsus02 wsus 3.1.6001.65', ctx('UANYONE', []));
    expect(r.exitCode).toBe(0);
    expect((await storage.servers.facts('wsus02'))!.wsusVersion).toBe('3.1.6001.65');
  });

  it('subscribe and unsubscribe: refused for a non-admin, allowed for an admin', async () => {
    let changed = 0;
    const c = (user: string) => ({ ...ctx(user, ADMINS), onSubscriptionsChanged: () => void changed++ });
    for (const text of ['subscribe', 'unsubscribe']) {
      const r = await reply(text, c('UNOBODY'));
      expect(r.exitCode, text).toBe(2);
      expect(r.text).toMatch(/admin/i);
    }
    expect(changed).toBe(0);
    expect((await reply('subscribe', c('UADMIN1'))).exitCode).not.toBe(2);
    expect((await reply('unsubscribe', c('UADMIN1'))).exitCode).not.toBe(2);
    expect(changed).toBe(2);
  });
});
