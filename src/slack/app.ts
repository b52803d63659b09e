import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse as parseQuery } from 'node:querystring';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Store } from '../../db/store.js';
import type { Config } from '../config.js';
import { boltLogger, type Logger } from '../log.js';
import { startRetention } from '../retention.js';
import { StatusScheduler } from '../status/scheduler.js';
import { Background } from './background.js';
import type { SlackContext } from './context.js';
import { SlackInbox } from './inbox.js';
import { registerCommandListener } from './listeners/commands.js';
import { registerHomeListener } from './listeners/home.js';
import { registerMessageListener } from './listeners/messages.js';
import { registerShortcutListener } from './listeners/shortcuts.js';
import { registerViewListeners } from './listeners/views.js';

export interface BotDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Web API client retries (Bolt's default retries for ~30 minutes and outlives stop()). */
  readonly apiRetries?: number;
  /** Retries of a failed reply by the inbox worker. */
  readonly replyRetry?: { readonly attempts: number; readonly baseMs: number };
}

export interface Bot {
  readonly app: App;
  readonly inbox: SlackInbox;
  readonly scheduler: StatusScheduler;
  /** HTTP mode: the bound port. */
  start(): Promise<{ port?: number }>;
  /** Stop taking work, finish what is in flight. The caller closes the store. */
  stop(): Promise<void>;
}

/** Slack's replay window, also for timestamps from the future (Bolt only refuses old ones). */
const MAX_CLOCK_SKEW_SEC = 5 * 60;

/** Bolt's own body limit (HTTPReceiver's default): enforced here, because the body is now read here. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * Whether Bolt's body parser will produce an object. Bolt reads `body.ssl_check` right after JSON.parse, outside any
 * try: a signed body of `null` (or `payload=1`) is an unhandled rejection that kills the process. JSON that starts with
 * `{` parses to an object or fails to parse (which Bolt answers with 400).
 */
function parsesToObject(raw: Buffer, contentType: string | undefined): boolean {
  let text = raw.toString('utf8');
  if (contentType === 'application/x-www-form-urlencoded') {
    const { payload } = parseQuery(text); // as Bolt parses it: only a single `payload` field is JSON-parsed
    if (typeof payload !== 'string') return true;
    text = payload;
  }
  return text.trimStart().startsWith('{');
}

/** Reads a request body up to `limit` bytes; null when it is larger (the rest is drained, not kept). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      req.resume();
      resolve(null);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= limit) chunks.push(c);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

const PINO_TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** The one factory behind `kb954960 serve` and the tests: Socket Mode with SLACK_APP_TOKEN, else HTTP. */
export function createBot(config: Config, deps: BotDeps): Bot {
  const { store, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const token = config.slack.botToken;
  if (!token) throw new Error('SLACK_BOT_TOKEN is required');
  const logLevel = PINO_TO_BOLT[config.logLevel] ?? LogLevel.ERROR;
  const clientOptions = { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: deps.apiRetries ?? 3, factor: 2 } };
  const socketMode = !!config.slack.appToken;

  let receiver: HTTPReceiver | undefined;
  if (!socketMode) {
    receiver = new HTTPReceiver({
      signingSecret: config.slack.signingSecret!,
      endpoints: '/slack/events',
      // The listener writes to the inbox before Slack is answered: an acked event is never lost to a crash.
      processBeforeResponse: true,
      logger: boltLogger(logger),
      logLevel,
      customRoutes: [
        {
          path: '/healthz',
          method: ['GET'],
          handler: (_req, res) => {
            const ok = store.db.open;
            res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok }));
          },
        },
      ],
    });
    const verified = receiver.requestListener;
    receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
      const ts = Number(req.headers['x-slack-request-timestamp']);
      if (req.method === 'POST' && Number.isFinite(ts) && ts > clock().getTime() / 1000 + MAX_CLOCK_SKEW_SEC) {
        logger.warn({ ts }, 'refused a request signed with a timestamp from the future');
        res.writeHead(401);
        res.end();
        return;
      }
      if (req.method !== 'POST') {
        verified(req, res);
        return;
      }
      // Read the body here (Bolt uses a body already read: `rawBody`), to refuse one Bolt would crash on.
      readBody(req, MAX_BODY_BYTES).then(
        (raw) => {
          if (raw === null) {
            logger.warn({ limit: MAX_BODY_BYTES }, 'refused a request body over the size limit');
            res.writeHead(413);
            res.end();
            return;
          }
          if (!parsesToObject(raw, req.headers['content-type'])) {
            logger.warn('refused a request body that is not a JSON object');
            res.writeHead(400);
            res.end();
            return;
          }
          (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
          verified(req, res);
        },
        (err: unknown) => {
          logger.warn({ err }, 'could not read a request body');
          if (!res.headersSent) res.writeHead(400);
          res.end();
        },
      );
    };
  }

  const app = new App({
    token,
    ...(socketMode ? { appToken: config.slack.appToken, socketMode: true } : { receiver }),
    logger: boltLogger(logger),
    logLevel,
    clientOptions,
  });

  const background = new Background(logger);
  const inbox = new SlackInbox({
    store,
    client: app.client,
    logger: logger.child({ component: 'inbox' }),
    botToken: token,
    apiHost: new URL(config.slack.apiUrl).host,
    maxBytes: config.maxFileBytes,
    defaultLang: config.lang,
    clock,
    retry: deps.replyRetry,
  });
  const scheduler = new StatusScheduler({ store, client: app.client, clock, logger: logger.child({ component: 'status' }), instanceId: inbox.id });

  const ctx: SlackContext = { config, store, logger, clock, inbox, background, onSubscriptionsChanged: () => scheduler.refresh() };
  registerMessageListener(app, inbox);
  registerCommandListener(app, ctx);
  registerViewListeners(app, ctx);
  registerShortcutListener(app, ctx);
  registerHomeListener(app, ctx);
  app.error(async (err) => {
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  let retention: { stop(): void } | undefined;
  return {
    app,
    inbox,
    scheduler,
    async start() {
      let port: number | undefined;
      if (socketMode) {
        await app.start();
      } else {
        const server = (await app.start({ port: config.port, host: config.host })) as Server;
        port = (server.address() as AddressInfo).port;
      }
      const resumed = inbox.resumePending();
      if (resumed > 0) logger.info({ resumed }, 'resuming Slack work left unfinished');
      scheduler.start();
      retention = startRetention({ store, historyDays: config.historyDays, clock, logger: logger.child({ component: 'retention' }) });
      return { port };
    },
    async stop() {
      retention?.stop();
      await scheduler.stop(); // async: waits for a status run under way, which still needs the store
      await app.stop();
      await inbox.drain();
      await background.drain();
    },
  };
}
