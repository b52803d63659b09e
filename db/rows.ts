import { DEFAULT_LANG, isLang } from '../src/lang.js';
import type { StatusPostRow, Subscription } from '../src/store/port.js';

/**
 * Rows both engines return alike: each reads the same columns (times as ISO text, counts as numbers), so a row becomes
 * its port type in one place.
 */
export type Row = Record<string, unknown>;

export const str = (v: unknown): string | null => (v == null ? null : String(v));

export function toSubscription(row: Row): Subscription {
  return {
    channelId: String(row.channel_id),
    teamId: str(row.team_id),
    postTime: String(row.post_time),
    timeZone: String(row.time_zone),
    lang: isLang(row.lang) ? row.lang : DEFAULT_LANG,
    createdBy: str(row.created_by),
    createdAt: String(row.created_at),
  };
}

export function toStatusPost(row: Row): StatusPostRow {
  return {
    channelId: String(row.channel_id),
    localDate: String(row.local_date),
    claimedAt: String(row.claimed_at),
    claimedBy: String(row.claimed_by),
    attempts: Number(row.attempts),
    postedTs: str(row.posted_ts),
    postedAt: str(row.posted_at),
    postStartedAt: str(row.post_started_at),
    lastError: str(row.last_error),
  };
}
