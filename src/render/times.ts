/**
 * How text (not Block Kit) writes an instant — one rule for every surface: Slack blocks carry `<!date^…>` (each
 * reader's own zone, see slack-date.ts); the text Slack shows in notifications writes the local time in the zone the
 * post is for and names it; the CLI prints ISO 8601 with the offset.
 */
import { formatIso, formatLocal } from '../fleet/post-time.js';

export interface TextTimes {
  /** The zone the text is for: a subscription's, or STATUS_TIMEZONE. */
  readonly timeZone: string;
  /** ISO 8601 with the offset (the CLI), instead of `YYYY-MM-DD HH:MM zone`. */
  readonly iso?: boolean;
}

export const UTC_TIMES: TextTimes = { timeZone: 'UTC' };

/** `2026-11-25T21:00+09:00` (iso), or `2026-11-25 21:00` for text that names its zone elsewhere (once, in a title). */
export function timeIn(at: string, t: TextTimes): string {
  if (!Number.isFinite(Date.parse(at))) return at;
  return t.iso ? formatIso(at, t.timeZone) : formatLocal(at, t.timeZone);
}

/** `2026-11-25T21:00+09:00` (iso), or `2026-11-25 21:00 Asia/Tokyo`. */
export function textTime(at: string, t: TextTimes): string {
  return t.iso || !Number.isFinite(Date.parse(at)) ? timeIn(at, t) : `${timeIn(at, t)} ${t.timeZone}`;
}
