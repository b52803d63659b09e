import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import type { Store } from '../../db/store.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { boltLogger, type Logger } from '../log.js';
import { startRetention } from '../retention.js';
import { StatusScheduler } from '../status/scheduler.js';
import { Background } from './background.js';
import type { SlackContext } from './context.js';
import { SlackInbox } from './inbox.js';
import { registerActionListener } from './listeners/actions.js';
import { registerCommandListener } from './listeners/commands.js';
import { registerHomeListener } from './listeners/home.js';
import { registerMessageListener } from './listeners/messages.js';
import { registerShortcutListener } from './listeners/shortcuts.js';
import { registerViewListeners } from './listeners/views.js';
import { guardRequests } from './request-guard.js';

export interface BotDeps {
  readonly store: Store;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Web API client retries (Bolt's default retries for ~30 minutes and outlives stop()). */
  readonly apiRetries?: number;
  /** Retries of a failed reply by the inbox worker. */
  readonly replyRetry?: { readonly attempts: number; readonly baseMs: number };
  /** The bot's identity, when already verified (then Bolt skips its own auth.test in the constructor). */
  readonly identity?: BotIdentity;
}

export interface BotIdentity {
  readonly botId: string;
  readonly botUserId: string;
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

const PINO_TO_BOLT: Record<string, LogLevel> = { trace: LogLevel.DEBUG, debug: LogLevel.DEBUG, info: LogLevel.INFO, warn: LogLevel.WARN };

/** The one factory behind `kb954960 serve` and the tests: Socket Mode with SLACK_APP_TOKEN, else HTTP. */
export function createBot(config: Config, deps: BotDeps): Bot {
  const { store, logger } = deps;
  const clock = deps.clock ?? systemClock;
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
    // Signatures are fresh against the wall clock, as Bolt checks them (Date.now), not the bot's business clock.
    receiver.requestListener = guardRequests(receiver.requestListener, { wallClock: systemClock, logger });
  }

  const app = new App({
    token,
    ...(deps.identity ? { botId: deps.identity.botId, botUserId: deps.identity.botUserId } : {}),
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
    adminUserIds: config.adminUserIds,
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
  registerActionListener(app, ctx);
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
