import type { Logger } from './log.js';
import type { Storage } from './store/port.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionOptions {
  readonly store: Storage;
  /** HISTORY_DAYS: diagnoses (with their findings), finished inbox items and daily-post records older than this are deleted. */
  readonly historyDays: number;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** How often to purge after the first purge at start; default once a day. */
  readonly everyMs?: number;
}

export interface PurgeResult {
  /** Everything created before this instant was purged. */
  readonly before: string;
  readonly diagnoses: number;
  readonly inbox: number;
  /** Daily-post records (status_posts) of local dates before `before`'s date. */
  readonly statusPosts: number;
}

/**
 * Deletes what is older than HISTORY_DAYS from every table that grows with time: diagnoses and their findings,
 * finished Slack inbox items, and the daily post's exactly-once records (one per channel per day; only today's
 * matters). `servers` (one row per server) and `subscriptions` (one per channel) do not grow with time.
 */
export async function purgeOnce(o: Pick<RetentionOptions, 'store' | 'historyDays' | 'clock' | 'logger'>): Promise<PurgeResult> {
  const now = (o.clock ?? (() => new Date()))();
  const before = new Date(now.getTime() - o.historyDays * DAY_MS).toISOString();
  const inbox = await o.store.inbox.purgeDoneBefore(before);
  const diagnoses = await o.store.history.purgeBefore(before);
  const statusPosts = await o.store.status.purgeStatusPostsBefore(before.slice(0, 10));
  if (diagnoses > 0 || inbox > 0 || statusPosts > 0) o.logger?.info({ before, diagnoses, inbox, statusPosts }, 'purged history older than HISTORY_DAYS');
  return { before, diagnoses, inbox, statusPosts };
}

/**
 * Purges at start and then daily. The timer is unref'd: it never keeps the process alive, and a process that
 * restarts more often than daily still purges at every start.
 */
export function startRetention(o: RetentionOptions): { stop(): void } {
  const run = () => {
    // A purge that fails (database busy, closed during shutdown) is retried at the next tick; never fatal.
    // On one replica at a time: another one's purge under way makes this tick a no-op.
    o.store
      .withExclusive('retention', async () => void (await purgeOnce(o)))
      .catch((err: unknown) => o.logger?.warn({ err }, 'history purge failed; will retry'));
  };
  run();
  const timer = setInterval(run, o.everyMs ?? DAY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
