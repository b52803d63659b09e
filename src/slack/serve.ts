import { Store } from '../../db/store.js';
import type { Config } from '../config.js';
import { createLogger } from '../log.js';
import { createBot } from './app.js';

/** `kb954960 serve`: open the database, start the bot, and stop cleanly on SIGTERM/SIGINT. */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const store = Store.open(config.databasePath);
  const bot = createBot(config, { store, logger });
  const { port } = await bot.start();
  logger.info({ mode: config.slack.appToken ? 'socket' : 'http', port, database: config.databasePath }, 'kb954960 bot is running');

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
      store.close();
      logger.info('stopped');
      process.exit(0);
    }
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
