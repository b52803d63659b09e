import { webApi } from '@slack/bolt';
import { ConfigError, type Config } from '../config.js';
import { boltLogger, createLogger, type Logger } from '../log.js';
import { openStorage } from '../open-storage.js';
import type { Storage } from '../store/port.js';
import { createBot, type BotIdentity } from './app.js';

/** Errors from Slack that mean the token itself is wrong, not that Slack is out of reach. */
const BAD_TOKEN = new Set(['invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/**
 * Checks the bot token before anything starts, so that a wrong token or an unreachable Slack is one clear line
 * (Bolt would otherwise call auth.test from its constructor and fail later as an unhandled rejection).
 */
export async function verifyBotToken(config: Config, logger: Logger): Promise<BotIdentity> {
  const client = new webApi.WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2 }, logger: boltLogger(logger) });
  try {
    const res = await client.auth.test();
    if (!res.bot_id || !res.user_id)
      throw new ConfigError('SLACK_BOT_TOKEN: this is not a bot token (auth.test names no bot); use the Bot User OAuth Token, xoxb-…');
    return { botId: res.bot_id, botUserId: res.user_id };
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    const code = (e as { data?: { error?: string } }).data?.error;
    if (code && BAD_TOKEN.has(code))
      throw new ConfigError(`SLACK_BOT_TOKEN: Slack refused it (${code}); copy the Bot User OAuth Token again from "OAuth & Permissions"`);
    throw new ConfigError(`SLACK_API_URL: cannot reach Slack at ${config.slack.apiUrl} (${(e as Error).message}); check the network or proxy`);
  }
}

/** `kb954960 serve`: verify the token, open the database, start the bot, and stop cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const identity = await verifyBotToken(config, logger);
  let store: Storage;
  try {
    store = await openStorage({ databasePath: config.databasePath, databaseUrl: config.databaseUrl, clock: config.clock });
  } catch (e) {
    // One line, exit 2: a database the bot cannot use (unreachable, unwritable, from a newer version, a failed
    // migration) is a setting to fix, not a crash (a URL is never printed: it may hold a password).
    throw new ConfigError(
      config.databaseUrl
        ? `DATABASE_URL: cannot open the database (${(e as Error).message})`
        : `DATABASE_PATH: cannot open the database at ${config.databasePath}: ${(e as Error).message}`,
    );
  }
  const bot = createBot(config, { store, logger, identity, clock: config.clock });
  const { port } = await bot.start();
  logger.info(
    { mode: config.slack.appToken ? 'socket' : 'http', port, database: config.databaseUrl ? 'postgres' : config.databasePath },
    'kb954960 bot is running',
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: finishing work in flight');
    const force = setTimeout(() => process.exit(1), 25_000);
    force.unref();
    try {
      await bot.stop();
    } catch (err) {
      logger.error({ err }, 'error while stopping');
    } finally {
      await store.close();
      logger.info('stopped');
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
