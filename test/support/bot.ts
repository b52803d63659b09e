// Starts the product bot (createBot, the factory `serve` uses) against the fake Slack, for e2e tests.
//
// Order matters: the fake first (Bolt calls auth.test from its constructor), then a config built by the real
// loadConfig() with SLACK_API_URL pointing at the fake, PORT=0 on 127.0.0.1, fresh storage (a SQLite file in a temp
// directory, or on PostgreSQL runs a fresh database: test/support/storage.ts), and the bot's logs captured in memory
// (no stdout noise; tests can read them).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../../db/sqlite/store.js';
import type { InboxItem, Storage } from '../../src/store/port.js';
import { openTestStorage, port as portOf, testEngine } from './storage.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/log.js';
import { createBot, type Bot } from '../../src/slack/app.js';
import { testClock } from './clock.js';
import { waitUntil } from './wait.js';
import { expect } from 'vitest';
import { httpRequest, postEvent, startFakeSlack, type FakeSlack, type PostResult, type RecordedCall, type StartFakeSlackOptions } from './index.js';
import { messageEvent, slackTs } from './payloads.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const BOT_TOKEN = 'xoxb-1-test-bot-token';
export const APP_TOKEN = 'xapp-1-A1-test-app-token';

export interface LogLine {
  level: number;
  msg?: string;
  [k: string]: unknown;
}

export interface StartBotOptions {
  /** extra environment (strings, as in process.env), e.g. { MAX_FILE_BYTES: '1000' } */
  env?: Record<string, string>;
  /** Socket Mode: the fake gets a Socket Mode server and the config an xapp- token */
  socketMode?: boolean;
  /** more options for the fake (botToken is always BOT_TOKEN) */
  fake?: Omit<StartFakeSlackOptions, 'botToken' | 'socketMode'>;
  /** LOG_LEVEL, and the level of the captured log (default 'info') */
  logLevel?: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** the bot token, for the fake and the config (default BOT_TOKEN) */
  botToken?: string;
  /** Socket Mode: the app token (default APP_TOKEN) */
  appToken?: string;
  /** the signing secret (default SIGNING_SECRET, set in HTTP mode only); when given it is set in Socket Mode too */
  signingSecret?: string;
  /** use this fake instead of starting one (its botToken must be the bot's); close() then leaves it open */
  useFake?: FakeSlack;
  /**
   * keep the data in this directory instead of a new temp one (e.g. another bot on the same data: the same SQLite
   * file, or on PostgreSQL runs the same database); close() then leaves it
   */
  dir?: string;
  /** runs on the opened storage before the first bot starts (e.g. to subscribe a channel); not on restart() */
  beforeStart?: (storage: Storage, fake: FakeSlack, ctx: { config: Config; logger: Logger }) => void | Promise<void>;
  /** the bot's retries of a failed reply (default { attempts: 3, baseMs: 20 }) */
  replyRetry?: { attempts: number; baseMs: number };
  /** the Web API client's own retries of 429/5xx/network failures (default 0: each failure reaches the bot) */
  apiRetries?: number;
  /** the bot's clock (default: testClock(), starting at TEST_NOW whatever today is) */
  clock?: () => Date;
  /**
   * Opens the storage each life runs on instead of the test engine's (test/support/storage.ts): then `store` (the
   * SQLite file's own handle) is not there.
   */
  storage?: (config: Config) => Promise<Storage>;
}

export interface TestBot {
  readonly fake: FakeSlack;
  /** the bot of the current life (changes on restart) */
  readonly bot: Bot;
  /**
   * The SQLite file's own handle, for the few tests of SQLite itself (they run on SQLite only): every other test reads
   * and writes through `storage`, which is there on both engines.
   */
  readonly store: Store;
  /** the storage port the current life runs on */
  readonly storage: Storage;
  readonly config: Config;
  /** HTTP mode: the bound port of the current life */
  readonly port: number | undefined;
  /** With INGEST_PORT set: the fleet reports' port of the current life */
  readonly ingestPort: number | undefined;
  /** HTTP mode: http://127.0.0.1:PORT */
  readonly url: string;
  /** HTTP mode: http://127.0.0.1:PORT/slack/events */
  readonly events: string;
  /** every log line of every life, parsed */
  readonly logs: LogLine[];
  /** the same lines unparsed, exactly as they would reach stdout (tests may push more) */
  readonly rawLogs: string[];
  readonly dir: string;
  /** waits until the inbox has no work in flight */
  idle(): Promise<void>;
  /**
   * Waits until the work queue's item for `key` (e.g. `message:<channel>:<ts>`) is finished and returns it: the proof,
   * before a "nothing was posted", that the work was done (and how it ended), not merely not finished yet.
   */
  worked(key: string): Promise<InboxItem>;
  /** stops the bot, closes the store, then opens the same DB file and starts a new bot (new port in HTTP mode) */
  restart(): Promise<void>;
  /** stops everything and removes the temp directory (not a fake or a directory that was passed in) */
  close(): Promise<void>;
}

export async function startTestBot(options: StartBotOptions = {}): Promise<TestBot> {
  const botToken = options.botToken ?? BOT_TOKEN;
  const ownFake = !options.useFake;
  const fake = options.useFake ?? (await startFakeSlack({ ...options.fake, botToken, socketMode: options.socketMode ?? false }));
  const ownDir = !options.dir;
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'kb954960-e2e-'));
  const cleanUp = async () => {
    if (ownFake) await fake.close();
    if (ownDir) rmSync(dir, { recursive: true, force: true });
  };
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: botToken,
      ...(options.socketMode ? { SLACK_APP_TOKEN: options.appToken ?? APP_TOKEN } : { SLACK_SIGNING_SECRET: SIGNING_SECRET }),
      ...(options.signingSecret !== undefined ? { SLACK_SIGNING_SECRET: options.signingSecret } : {}),
      SLACK_API_URL: fake.apiUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_PATH: join(dir, 'kb954960.db'),
      LOG_LEVEL: options.logLevel ?? 'info', // Bolt's level follows it; the lines go to the captured logger below
      ...options.env,
    },
    { forServe: true },
  );
  const logs: LogLine[] = [];
  const rawLogs: string[] = [];
  const logger = createLogger(config.logLevel, {
    write(line: string) {
      rawLogs.push(line);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ level: 30, msg: line });
      }
    },
  });

  // One clock for every life of this bot: a restart does not take it back to TEST_NOW.
  const defaultClock = testClock();
  let store: Store | undefined;
  let storage: Storage;
  let bot: Bot;
  let port: number | undefined;
  let ingestPort: number | undefined;
  let lives = 0;
  const startLife = async () => {
    const clock = options.clock ?? defaultClock;
    if (options.storage) storage = await options.storage(config);
    else if (testEngine() === 'postgres') storage = await openTestStorage(dir, { clock });
    else storage = portOf((store = Store.open(config.databasePath, { clock })));
    if (lives++ === 0) await options.beforeStart?.(storage, fake, { config, logger });
    bot = createBot(config, {
      store: storage,
      logger,
      apiRetries: options.apiRetries ?? 0,
      replyRetry: options.replyRetry ?? { attempts: 3, baseMs: 20 },
      clock: options.clock ?? defaultClock,
    });
    ({ port, ingestPort } = await bot.start());
  };
  const stopLife = async () => {
    await bot.stop();
    await storage.close();
  };

  try {
    await startLife();
  } catch (e) {
    await cleanUp();
    throw e;
  }

  let closed = false;
  return {
    fake,
    get bot() {
      return bot;
    },
    get store() {
      if (!store) throw new Error('this bot does not run on a SQLite file of its own: use t.storage');
      return store;
    },
    get storage() {
      return storage;
    },
    config,
    get port() {
      return port;
    },
    get ingestPort() {
      return ingestPort;
    },
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get events() {
      return `http://127.0.0.1:${port}/slack/events`;
    },
    logs,
    rawLogs,
    dir,
    idle: () => bot.inbox.idle(),
    async worked(key: string) {
      await bot.inbox.idle();
      const item = await storage.inbox.item(key);
      if (!item?.doneAt) throw new Error(`the work queue is idle and its item ${key} is ${item ? 'not finished' : 'not there'}`);
      return item;
    },
    async restart() {
      await stopLife();
      await startLife();
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await stopLife();
      } finally {
        await cleanUp();
      }
    },
  };
}

/** A POST with exactly these headers (no signing): for requests Slack would never send. No keep-alive. */
export function rawPost(url: string, body: string, headers: Record<string, string>): Promise<PostResult> {
  return httpRequest('POST', url, { 'content-length': String(Buffer.byteLength(body)), ...headers }, body, 10_000);
}

/** Resource types a test file must not leave behind (servers, sockets, timers); compared with a baseline. */
const LEAKABLE = new Set(['TCPServerWrap', 'TCPSocketWrap', 'Timeout', 'Immediate', 'FSReqCallback', 'TTYWrap']);

function countLeakable(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) if (LEAKABLE.has(r)) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

/** Call at the start of a file; the returned function resolves with what is still open beyond the baseline (waits up to 1 s). */
export function handleBaseline(): () => Promise<string[]> {
  const before = countLeakable();
  const extra = () => [...countLeakable()].flatMap(([k, n]) => Array<string>(Math.max(0, n - (before.get(k) ?? 0))).fill(k));
  return async () => {
    await waitUntil('the handles to close', () => extra().length === 0, 1000).catch(() => {
      /* the caller reports what is left */
    });
    return extra();
  };
}

/** What the bot posted in `channel` (chat.postMessage), oldest first. */
export function postsIn(t: TestBot, channel: string): RecordedCall[] {
  return t.fake.callsTo('chat.postMessage').filter((c) => c.body.channel === channel);
}

/**
 * Pastes `text` into `channel` as `user` (a signed message event, in `thread_ts`'s thread when given), lets the bot
 * work it off, and returns the message's ts and the one reply it posted.
 */
export async function pasteAnswered(
  t: TestBot,
  channel: string,
  text: string,
  o: { user: string; thread_ts?: string },
): Promise<{ ts: string; reply: RecordedCall }> {
  const ts = slackTs();
  const before = postsIn(t, channel).length;
  expect(
    (await postEvent(t.events, SIGNING_SECRET, messageEvent({ channel, ts, text, user: o.user, ...(o.thread_ts ? { thread_ts: o.thread_ts } : {}) }))).status,
  ).toBe(200);
  await t.idle();
  const posts = postsIn(t, channel);
  expect(posts.length).toBe(before + 1);
  return { ts, reply: posts.at(-1)! };
}
