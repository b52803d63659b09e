import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import type { Storage } from '../store/port.js';
import { Metrics } from '../metrics.js';
import { systemClock } from '../clock.js';
import type { Config } from '../config.js';
import { boltLogger, type Logger } from '../log.js';
import { startRetention } from '../retention.js';
import { startIngestListener, type IngestListener } from '../reports/listener.js';
import { FleetAlerts } from '../status/fleet-alerts.js';
import { StatusScheduler } from '../status/scheduler.js';
import { instanceId, isInboxWriteError, type SlackInbox } from './inbox.js';
import { registerListeners } from './listeners/index.js';
import { AckGate } from './queue/ack-gate.js';
import { learnInstallation, ownInstallationOnly, type Installation } from './installation.js';
import { countingFetch } from './api-metrics.js';
import { startOpsServer, STUCK_AFTER_SECONDS } from '../ops-routes.js';
import { httpReceiver } from './receiver.js';
import { DeferredAckSocketModeReceiver } from './socket-receiver.js';
import { createInbox } from './workers.js';

export interface BotDeps {
  readonly store: Storage;
  readonly logger: Logger;
  readonly clock?: () => Date;
  /** Web API client retries of transient failures (Bolt's default retries for ~30 minutes and outlives stop()). */
  readonly apiRetries?: number;
  /** The inbox's attempts of an item whose work failed beyond the client's retries (outage, platform error, crash). */
  readonly replyRetry?: { readonly attempts: number; readonly baseMs: number };
  /** The bot's identity, when already verified (then Bolt skips its own auth.test in the constructor). */
  readonly identity?: BotIdentity;
  /** What /metrics shows (a fresh registry by default). */
  readonly metrics?: Metrics;
}

export interface BotIdentity {
  readonly botId: string;
  readonly botUserId: string;
}

export interface Bot {
  readonly app: App;
  readonly inbox: SlackInbox;
  readonly scheduler: StatusScheduler;
  /** Fleet reports' alerts (posted after reports and on the status sweep). */
  readonly alerts: FleetAlerts;
  /** Resolves when the work after recorded reports (their alerts) has finished. */
  ingestIdle(): Promise<void>;
  readonly metrics: Metrics;
  /**
   * The bound ports: Slack's and the operator's routes (HTTP mode) or the operator's routes alone (Socket Mode); with
   * INGEST_PORT, the fleet reports' port.
   */
  start(): Promise<{ port?: number; ingestPort?: number }>;
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
  const appToken = config.slack.appToken;
  const socketMode = !!appToken;
  const ackGate = new AckGate();
  const metrics = deps.metrics ?? new Metrics();
  // The one retry of a Web API call: transient HTTP failures, and 429s after their Retry-After (the client waits).
  // Its fetch counts requests, errors and retries for /metrics.
  const clientOptions = { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: deps.apiRetries ?? 3, factor: 2 }, fetch: countingFetch(metrics) };
  // Both receivers answer Slack only after the listener has written the work to the inbox.
  const slackLogger = boltLogger(logger);
  const receiver = appToken
    ? new DeferredAckSocketModeReceiver({ appToken, logger: slackLogger, logLevel, clientOptions, ackGate, metrics })
    : httpReceiver({ signingSecret: config.slack.signingSecret!, store, logger, logLevel, ackGate, metrics });
  const app = new App({
    token,
    ...(deps.identity ? { botId: deps.identity.botId, botUserId: deps.identity.botUserId } : {}),
    receiver,
    socketMode,
    logger: slackLogger,
    logLevel,
    clientOptions,
    // Bolt's conversation store is a global middleware on every request before the ack; nothing here reads it.
    convoStore: false,
  });

  const id = instanceId();
  // Fleet reports' alerts: after each recorded report, and silent servers on each status sweep.
  const alerts = new FleetAlerts({ store, client: app.client, clock, logger: logger.child({ component: 'fleet-alerts' }) });
  const scheduler = new StatusScheduler({
    store,
    client: app.client,
    clock,
    logger: logger.child({ component: 'status' }),
    instanceId: id,
    ...(config.ingest.port !== null ? { alsoOnSweep: (now: Date) => alerts.sweepSilent(now) } : {}),
    onPosted: () => metrics.statusPosts.inc(),
  });
  const inbox = createInbox({
    id,
    config,
    store,
    client: app.client,
    logger: logger.child({ component: 'inbox' }),
    clock,
    retry: deps.replyRetry,
    onSubscriptionsChanged: () => void scheduler.refresh().catch((err: unknown) => logger.warn({ err }, 'status: could not re-read the subscriptions')),
    ackGate,
    metrics,
  });
  // First of all: a request from another workspace or app reaches no listener.
  let installation: Installation | undefined;
  app.use(ownInstallationOnly(() => installation, logger));
  registerListeners(app, { config, store, logger, clock, inbox });
  app.error(async (err) => {
    if (isInboxWriteError(err)) {
      logger.error({ err }, 'could not write Slack work to the database; Slack will deliver it again');
      throw err; // processEvent rejects: HTTP 500, or no Socket Mode ack, so Slack redelivers
    }
    logger.error({ err }, 'unhandled error in a Slack listener');
  });

  let retention: { stop(): void } | undefined;
  let ingest: IngestListener | undefined;
  let opsServer: Server | undefined;
  return {
    app,
    inbox,
    scheduler,
    alerts,
    async ingestIdle() {
      await ingest?.idle();
    },
    metrics,
    async start() {
      installation = await learnInstallation(app.client, appToken);
      if (config.adminUserIds.length === 0) {
        logger.warn(
          "ADMIN_USER_IDS is empty: everyone in the workspace can change server facts and subscriptions; set it to the admins' member IDs (U…) to restrict that",
        );
      }
      let port: number | undefined;
      if (socketMode) {
        await app.start();
        // No HTTP receiver in Socket Mode: /healthz, /readyz and /metrics on PORT all the same.
        const ops = await startOpsServer({ store, metrics, stuckAfterSeconds: STUCK_AFTER_SECONDS }, config.port, config.host);
        opsServer = ops.server;
        port = ops.port;
      } else {
        const server = (await app.start({ port: config.port, host: config.host })) as Server;
        port = (server.address() as AddressInfo).port;
      }
      const resumed = await inbox.resumePending();
      if (resumed > 0) logger.info({ resumed }, 'resuming Slack work left unfinished');
      // Another replica's work, if it dies holding it (one database, several machines).
      inbox.startSweeping();
      await scheduler.start();
      retention = startRetention({ store, historyDays: config.historyDays, clock, logger: logger.child({ component: 'retention' }) });
      if (config.ingest.port !== null) {
        ingest = await startIngestListener({
          host: config.ingest.host,
          port: config.ingest.port,
          store,
          clock,
          lang: config.lang,
          offThread: true,
          logger: logger.child({ component: 'ingest' }),
          onAnswered: (result) => metrics.fleetReports.inc({ result }),
          ops: { store, metrics, stuckAfterSeconds: STUCK_AFTER_SECONDS },
          onRecorded: async (a) => {
            if (a.recorded) await alerts.afterReport(a.recorded.server, a.recorded.health);
          },
        });
        logger.info({ port: ingest.port, host: config.ingest.host }, 'fleet reports: listening on POST /ingest/v1/reports');
      }
      return { port, ...(ingest ? { ingestPort: ingest.port } : {}) };
    },
    async stop() {
      retention?.stop();
      await ingest?.close();
      await scheduler.stop(); // async: waits for a status run under way, which still needs the store
      await app.stop();
      if (opsServer) await new Promise((resolve) => opsServer!.close(resolve));
      await inbox.drain();
    },
  };
}
