import { DEFAULT_LANG, isLang } from '../src/lang.js';
import { randomUUID } from 'node:crypto';
import type { ClaimResult, DiagnosisRecord, InboxItem, InboxKind, InboxOutcome, StatusPostRow, Subscription } from '../src/store/port.js';

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

/** The rules of a daily-post claim, the same on both engines; each engine only reads and writes the row atomically. */
export const postClaim = {
  /** The holder's name in a claim: the process, and this claim of it (a process may claim a day again later). */
  holder: (instanceId: string): string => `${instanceId}/${randomUUID().slice(0, 8)}`,
  /** What the day's existing row says: posted, busy (a live lease), exhausted — or null: take it over. */
  refusal(row: StatusPostRow, o: { now: string; leaseMs: number; maxAttempts: number }): ClaimResult | null {
    if (row.postedTs) return { kind: 'posted', ts: row.postedTs };
    const leaseEnd = new Date(Date.parse(row.claimedAt) + o.leaseMs).toISOString();
    if (leaseEnd > o.now) return { kind: 'busy', claimedBy: row.claimedBy, claimedAt: row.claimedAt };
    if (row.attempts >= o.maxAttempts) return { kind: 'exhausted', attempts: row.attempts };
    return null;
  },
  /** The claim now held: a new row (`previous` null) or the taking over of `previous`. */
  claimed(o: { channelId: string; localDate: string; now: string }, claimedBy: string, previous: StatusPostRow | null): ClaimResult {
    return {
      kind: 'claimed',
      claim: {
        channelId: o.channelId,
        localDate: o.localDate,
        claimedBy,
        claimedAt: o.now,
        attempts: (previous?.attempts ?? 0) + 1,
        mustVerify: previous !== null && previous.postStartedAt !== null,
      },
    };
  },
};

/**
 * A diagnosis row's values, in the column order both engines insert them (created_at, origin, server, verdict,
 * server_state, lang, lines, source_name, team_id, channel_id, message_ts, thread_ts, user_id, reported,
 * server_by_admin, failed_at); `byAdmin` as the engine keeps a flag (SQLite 0/1, PostgreSQL BOOLEAN).
 */
export function diagnosisValues(r: DiagnosisRecord, server: string | null, byAdmin: boolean | number): (string | number | boolean | null)[] {
  const d = r.diagnosis;
  return [
    r.at,
    r.origin,
    server,
    d.verdict,
    d.serverState,
    d.lang,
    d.lines,
    r.sourceName ?? null,
    r.teamId ?? null,
    r.channelId ?? null,
    r.messageTs ?? null,
    r.threadTs ?? null,
    r.userId ?? null,
    r.reported && Object.keys(r.reported).length > 0 ? JSON.stringify(r.reported) : null,
    byAdmin,
    d.failedAt ?? null,
  ];
}

/**
 * The payload's fields that are what a person sent, or where to answer them: kept in slack_inbox_content, written
 * when accepted and deleted when done, never rewritten in between.
 */
const CONTENT_FIELDS = ['text', 'responseUrl'] as const;

/** A payload as its queue row keeps it and its content row; a payload that is no object is kept whole in the row. */
export function splitPayload(payload: unknown): { row: string; content: string | null } {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) return { row: JSON.stringify(payload), content: null };
  const rest: Record<string, unknown> = { ...(payload as Record<string, unknown>) };
  const content: Record<string, unknown> = {};
  for (const f of CONTENT_FIELDS) {
    if (f in rest) {
      content[f] = rest[f];
      delete rest[f];
    }
  }
  return { row: JSON.stringify(rest), content: Object.keys(content).length > 0 ? JSON.stringify(content) : null };
}

/** The queue row and its content (if any); `toInboxItem` makes the payload whole again. */
export const ITEM_SQL = 'SELECT i.*, c.content FROM slack_inbox i LEFT JOIN slack_inbox_content c ON c.key = i.key';

export function toInboxItem(row: Row): InboxItem {
  return {
    key: String(row.key),
    eventId: str(row.event_id),
    kind: String(row.kind) as InboxKind,
    payload:
      row.content == null
        ? (JSON.parse(String(row.payload)) as unknown)
        : { ...(JSON.parse(String(row.payload)) as object), ...(JSON.parse(String(row.content)) as object) },
    receivedAt: String(row.received_at),
    takenBy: str(row.taken_by),
    attempts: Number(row.attempts),
    doneAt: str(row.done_at),
    outcome: str(row.outcome) as InboxOutcome | null,
    replyTs: str(row.reply_ts),
    diagnosisId: row.diagnosis_id == null ? null : Number(row.diagnosis_id),
  };
}
