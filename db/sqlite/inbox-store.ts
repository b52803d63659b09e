import type { Verdict } from '../../src/diagnose/diagnose.js';
import type { InboxItem, InboxKind, InboxOutcome } from '../../src/store/port.js';
import type { Store } from './store.js';
import { ITEM_SQL, splitPayload, toInboxItem } from '../rows.js';

/**
 * SQL of the durable Slack work queue (db/sqlite/002_slack_inbox.sql): every piece of Slack work is written here before
 * Slack gets its ack, de-duplicated by its key, claimed by one process at a time, and finished with where its answer
 * went. The queue's logic (when to take, retry, resume) is src/slack/inbox.ts; this is only its SQL.
 */

type Row = Record<string, unknown>;

export class InboxStore {
  /** Shares the Store's connection and its prepared statements: accept() runs before every Slack ack. */
  constructor(private readonly store: Store) {}

  /** Records work Slack delivered; false when the key is already there (a redelivery or a duplicate). */
  accept(item: { key: string; eventId?: string | null; kind: InboxKind; payload: unknown; at: string }): boolean {
    const { row, content } = splitPayload(item.payload);
    return this.store.db.transaction(() => {
      const r = this.store
        .statement('INSERT INTO slack_inbox (key, event_id, kind, payload, received_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING')
        .run(item.key, item.eventId ?? null, item.kind, row, item.at);
      if (r.changes !== 1) return false;
      if (content !== null) this.store.statement('INSERT INTO slack_inbox_content (key, content) VALUES (?, ?)').run(item.key, content);
      return true;
    })();
  }

  /**
   * Takes an unfinished item for this process. Nobody else may hold it, unless the holder is dead (`isDead`) or its
   * lease has run out. Returns the item with its attempt count, or null.
   */
  take(key: string, by: string, at: string, leaseExpiredBefore: string, isDead: (holder: string) => boolean): InboxItem | null {
    return this.store.db
      .transaction(() => {
        const row = this.store.statement(`${ITEM_SQL} WHERE i.key = ?`).get(key) as Row | undefined;
        if (!row || row.done_at != null) return null;
        const holder = row.taken_by == null ? null : String(row.taken_by);
        if (holder && holder !== by && !isDead(holder) && String(row.taken_at) >= leaseExpiredBefore) return null;
        this.store.statement('UPDATE slack_inbox SET taken_by = ?, taken_at = ?, attempts = attempts + 1 WHERE key = ?').run(by, at, key);
        return toInboxItem({ ...row, taken_by: by, taken_at: at, attempts: Number(row.attempts) + 1 });
      })
      .immediate();
  }

  /** Unfinished items, oldest first (what a restart must resume). */
  pending(limit = 1000): InboxItem[] {
    return (this.store.statement(`${ITEM_SQL} WHERE i.done_at IS NULL ORDER BY i.received_at LIMIT ?`).all(limit) as Row[]).map(toInboxItem);
  }

  finish(key: string, outcome: InboxOutcome, at: string, replyTs?: string | null, diagnosisId?: number | null): void {
    this.store.db.transaction(() => {
      // The pasted text (and the answer quoting it, and where to send it) was kept only so that a crash could not lose
      // the work; done, it goes (raw logs are never stored). secure_delete zeroes the pages it leaves.
      this.store.statement('DELETE FROM slack_inbox_content WHERE key = ?').run(key);
      this.store
        .statement(
          "UPDATE slack_inbox SET done_at = ?, outcome = ?, reply_ts = ?, diagnosis_id = COALESCE(?, diagnosis_id), payload = json_remove(payload, '$.text', '$.answer', '$.responseUrl') WHERE key = ?",
        )
        .run(at, outcome, replyTs ?? null, diagnosisId ?? null, key);
      if (diagnosisId != null && replyTs) this.store.statement('UPDATE diagnoses SET reply_ts = ? WHERE id = ?').run(replyTs, diagnosisId);
    })();
  }

  /**
   * Keeps an item's answer, once worked out, with the item: a later attempt only delivers it (work that records a
   * diagnosis must not record it twice because Slack was down when the answer was sent).
   */
  keepAnswer(key: string, answer: unknown, diagnosisId: number | null): void {
    this.store
      .statement(
        "UPDATE slack_inbox SET payload = json_set(payload, '$.answer', json(?)), diagnosis_id = COALESCE(?, diagnosis_id) WHERE key = ? AND done_at IS NULL",
      )
      .run(JSON.stringify(answer), diagnosisId, key);
  }

  /** Keeps this holder's lease on an item it is still working on. */
  renew(key: string, by: string, at: string): boolean {
    return this.store.statement('UPDATE slack_inbox SET taken_at = ? WHERE key = ? AND taken_by = ? AND done_at IS NULL').run(at, key, by).changes > 0;
  }

  /** Lets another attempt happen later (the work failed before anything was posted). */
  release(key: string): void {
    this.store.statement('UPDATE slack_inbox SET taken_by = NULL, taken_at = NULL WHERE key = ? AND done_at IS NULL').run(key);
  }

  item(key: string): InboxItem | null {
    const row = this.store.statement(`${ITEM_SQL} WHERE i.key = ?`).get(key) as Row | undefined;
    return row ? toInboxItem(row) : null;
  }

  /** Deletes finished items received before `before` (unfinished ones stay: a restart still owes them an answer). */
  purgeDoneBefore(before: string): number {
    return this.store.statement('DELETE FROM slack_inbox WHERE done_at IS NOT NULL AND received_at < ?').run(before).changes;
  }

  /**
   * The server and verdict of each diagnosis the bot answered in a Slack thread (the queue keeps where each reply
   * went), but for the work item `exceptKey`: a repeat of one of them gets a one-line note.
   */
  answeredInThread(channelId: string, threadTs: string, exceptKey: string): { server: string | null; verdict: Verdict; serverState: string }[] {
    return this.store
      .statement(
        `SELECT d.server, d.verdict, d.server_state AS serverState FROM slack_inbox i JOIN diagnoses d ON d.id = i.diagnosis_id
         WHERE i.outcome = 'replied' AND i.key <> ? AND json_extract(i.payload, '$.channel') = ? AND json_extract(i.payload, '$.replyThreadTs') = ?`,
      )
      .all(exceptKey, channelId, threadTs) as { server: string | null; verdict: Verdict; serverState: string }[];
  }
}
