import type Database from 'better-sqlite3';
import type { Lang } from '../../src/lang.js';
import type { DetectionEntry, OtherProblemCount } from '../../src/fleet/status.js';
import type { Claim, ClaimResult, StatusPostRow, Subscription } from '../../src/store/port.js';
import type { Store } from './store.js';
import { postClaim, toStatusPost, toSubscription } from '../rows.js';

/**
 * SQL of the daily status post: subscriptions, the exactly-once claim per (channel, local date), and the fleet queries
 * the Store does not have (the new detections per server, "affected since", the other problems per server).
 * Tables: db/sqlite/003_status.sql, db/sqlite/004_status_claims.sql.
 */

/** A claimed_at older than every lease: the claim is free for the next sweep. */
const EXPIRED = '1970-01-01T00:00:00.000Z';

type Row = Record<string, unknown>;
const str = (v: unknown): string | null => (v == null ? null : String(v));

export class StatusStore {
  readonly db: Database.Database;

  constructor(store: Store | Database.Database) {
    this.db = 'servers' in store ? store.db : store;
  }

  // ── subscriptions ────────────────────────────────────────────────────────────────────────────────

  /** Creates or changes a channel's subscription (keeping when it was first made). */
  upsertSubscription(s: { channelId: string; teamId?: string | null; postTime: string; timeZone: string; lang: Lang; createdBy?: string | null; at: string }): {
    subscription: Subscription;
    created: boolean;
  } {
    return this.db
      .transaction(() => {
        const existed = !!this.db.prepare('SELECT 1 FROM subscriptions WHERE channel_id = ?').get(s.channelId);
        this.db
          .prepare(
            `INSERT INTO subscriptions (channel_id, team_id, post_time, time_zone, lang, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (channel_id) DO UPDATE SET team_id = COALESCE(excluded.team_id, team_id), post_time = excluded.post_time,
             time_zone = excluded.time_zone, lang = excluded.lang`,
          )
          .run(s.channelId, s.teamId ?? null, s.postTime, s.timeZone, s.lang, s.createdBy ?? null, s.at);
        return { subscription: this.subscription(s.channelId)!, created: !existed };
      })
      .immediate();
  }

  /** Ends a channel's subscription; false when it had none. */
  deleteSubscription(channelId: string): boolean {
    return this.db.prepare('DELETE FROM subscriptions WHERE channel_id = ?').run(channelId).changes > 0;
  }

  subscription(channelId: string): Subscription | null {
    const row = this.db.prepare('SELECT * FROM subscriptions WHERE channel_id = ?').get(channelId) as Row | undefined;
    return row ? toSubscription(row) : null;
  }

  subscriptions(): Subscription[] {
    return (this.db.prepare('SELECT * FROM subscriptions ORDER BY channel_id').all() as Row[]).map(toSubscription);
  }

  // ── exactly-once claims ──────────────────────────────────────────────────────────────────────────

  /**
   * Claims (channel, local date) for posting, atomically across processes (BEGIN IMMEDIATE): a new row, or a claim
   * whose lease ran out without a posted ts (attempts + 1). Posted, busy (someone holds a live lease) and exhausted
   * claims are reported as such.
   */
  claimPost(o: { channelId: string; localDate: string; now: string; instanceId: string; leaseMs: number; maxAttempts: number }): ClaimResult {
    const claimedBy = postClaim.holder(o.instanceId);
    return this.db
      .transaction((): ClaimResult => {
        const row = this.statusPost(o.channelId, o.localDate);
        if (!row) {
          this.db
            .prepare('INSERT INTO status_posts (channel_id, local_date, claimed_at, claimed_by, attempts) VALUES (?, ?, ?, ?, 1)')
            .run(o.channelId, o.localDate, o.now, claimedBy);
          return postClaim.claimed(o, claimedBy, null);
        }
        const refused = postClaim.refusal(row, o);
        if (refused) return refused;
        const changed = this.db
          .prepare(
            `UPDATE status_posts SET claimed_at = ?, claimed_by = ?, attempts = attempts + 1
           WHERE channel_id = ? AND local_date = ? AND claimed_at = ? AND claimed_by = ? AND posted_ts IS NULL`,
          )
          .run(o.now, claimedBy, o.channelId, o.localDate, row.claimedAt, row.claimedBy).changes;
        if (changed === 0) return { kind: 'busy', claimedBy: row.claimedBy, claimedAt: row.claimedAt };
        return postClaim.claimed(o, claimedBy, row);
      })
      .immediate();
  }

  /**
   * Just before calling chat.postMessage: renews the lease and notes that a post may be under way. False when the
   * claim is no longer ours (it expired and someone re-claimed it): then we must not post.
   */
  markPostStarted(claim: Claim, at: string): boolean {
    const changed = this.db
      .prepare(
        `UPDATE status_posts SET claimed_at = ?, post_started_at = ?
         WHERE channel_id = ? AND local_date = ? AND claimed_by = ? AND claimed_at = ? AND posted_ts IS NULL`,
      )
      .run(at, at, claim.channelId, claim.localDate, claim.claimedBy, claim.claimedAt).changes;
    if (changed > 0) claim.claimedAt = at;
    return changed > 0;
  }

  /** Keeps a held claim's lease alive while a call is in flight. False when it is no longer ours. */
  renewClaim(claim: Claim, at: string): boolean {
    const changed = this.db
      .prepare('UPDATE status_posts SET claimed_at = ? WHERE channel_id = ? AND local_date = ? AND claimed_by = ? AND claimed_at = ? AND posted_ts IS NULL')
      .run(at, claim.channelId, claim.localDate, claim.claimedBy, claim.claimedAt).changes;
    if (changed > 0) claim.claimedAt = at;
    return changed > 0;
  }

  /** Records the posted message. Conditional on no ts yet (the first recorded ts wins), not on the lease: it is the truth. */
  recordPosted(channelId: string, localDate: string, ts: string, at: string): boolean {
    return (
      this.db
        .prepare(
          'UPDATE status_posts SET posted_ts = ?, posted_at = ?, post_started_at = NULL, last_error = NULL WHERE channel_id = ? AND local_date = ? AND posted_ts IS NULL',
        )
        .run(ts, at, channelId, localDate).changes > 0
    );
  }

  /**
   * Gives a claim up after a failure so that the next sweep may retry it at once. `posted: 'no'` when Slack said it
   * did not post; 'unknown' keeps post_started_at so that the next holder looks in the channel first.
   */
  releaseClaim(claim: Claim, failure: { error: string; posted: 'no' | 'unknown' }): void {
    this.db
      .prepare(
        `UPDATE status_posts SET claimed_at = ?, last_error = ?, post_started_at = CASE WHEN ? THEN NULL ELSE post_started_at END
         WHERE channel_id = ? AND local_date = ? AND claimed_by = ? AND posted_ts IS NULL`,
      )
      .run(EXPIRED, failure.error.slice(0, 500), failure.posted === 'no' ? 1 : 0, claim.channelId, claim.localDate, claim.claimedBy);
  }

  statusPost(channelId: string, localDate: string): StatusPostRow | null {
    const row = this.db.prepare('SELECT * FROM status_posts WHERE channel_id = ? AND local_date = ?').get(channelId, localDate) as Row | undefined;
    return row ? toStatusPost(row) : null;
  }

  statusPosts(channelId?: string): StatusPostRow[] {
    const rows = channelId
      ? this.db.prepare('SELECT * FROM status_posts WHERE channel_id = ? ORDER BY local_date').all(channelId)
      : this.db.prepare('SELECT * FROM status_posts ORDER BY channel_id, local_date').all();
    return (rows as Row[]).map(toStatusPost);
  }

  /** Retention: the records of local dates before this one (YYYY-MM-DD). */
  purgeStatusPostsBefore(localDate: string): number {
    return this.db.prepare('DELETE FROM status_posts WHERE local_date < ?').run(localDate).changes;
  }

  // ── fleet ────────────────────────────────────────────────────────────────────────────────────────

  /**
   * For each server, the first `affected` diagnosis after `after` (null: ever): when its current episode began.
   * One seek per server on diagnoses_by_server_verdict. Servers without such a row are left out.
   */
  firstAffectedAfter(servers: readonly { name: string; after: string | null }[]): Map<string, string> {
    const out = new Map<string, string>();
    if (servers.length === 0) return out;
    const stmt = this.db.prepare(
      "SELECT MIN(COALESCE(failed_at, created_at)) AS t FROM diagnoses WHERE server = ? AND verdict = 'affected' AND COALESCE(failed_at, created_at) > ?",
    );
    for (const s of servers) {
      const row = stmt.get(s.name, s.after ?? '') as { t: string | null };
      if (row.t) out.set(s.name, row.t);
    }
    return out;
  }

  /**
   * The new detections since a time, one entry per server, the server with the newest detection first: how many
   * `affected` diagnoses it had, and the newest of them (whose thread is the evidence to open; its origin says how it
   * came in). Diagnoses that name no server are grouped per channel, those without a channel (the CLI, a form opened
   * from a global shortcut) in one group: the channel is where the admin can ask which server it was. A spelling
   * recorded before aliases existed counts as its server. Pastes of one failure (a shared fault ID) count once. `limit` bounds the entries (distinct servers), not the
   * diagnoses; `total` counts the diagnoses and `groups` the entries, unbounded.
   * One range of diagnoses_by_verdict: the window's rows only, however long the history.
   */
  newDetectionsSince(since: string, limit: number): { entries: DetectionEntry[]; total: number; groups: number } {
    const rows = this.db
      .prepare(
        `WITH detection AS (
           SELECT d.id, d.created_at, COALESCE(a.name, d.server) AS server, d.channel_id, d.origin, d.message_ts, d.reply_ts
           FROM diagnoses d LEFT JOIN server_aliases a ON a.alias = d.server
           WHERE d.verdict = 'affected' AND d.created_at >= ?
             -- One failure, one record: a paste whose fault ID an earlier affected diagnosis shares is that detection.
             -- Driven by this diagnosis's own fault IDs (most have none), then by the index on the ID: left to itself
             -- the planner walks every earlier affected diagnosis for each one in the window (20 s at a million).
             AND NOT EXISTS (
               SELECT 1 FROM fault_ids f
               WHERE f.diagnosis_id = d.id AND EXISTS (
                 SELECT 1 FROM fault_ids g CROSS JOIN diagnoses e ON e.id = g.diagnosis_id
                 WHERE g.fault_id = f.fault_id AND g.diagnosis_id <> f.diagnosis_id AND e.verdict = 'affected'
                   AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.id < d.id))
                   AND (e.server IS d.server OR e.server IS NULL OR d.server IS NULL)
               )
             )
         ), ranked AS (
           SELECT *, COUNT(*) OVER per_server AS n, ROW_NUMBER() OVER (per_server ORDER BY created_at DESC, id DESC) AS newness
           FROM detection
           WINDOW per_server AS (PARTITION BY server, IIF(server IS NULL, channel_id, NULL))
         )
         SELECT *, COUNT(*) OVER () AS groups, SUM(n) OVER () AS total FROM ranked WHERE newness = 1
         ORDER BY created_at DESC, id DESC LIMIT ?`,
      )
      .all(since, Math.max(1, limit)) as Row[];
    const entries = rows.map((r) => ({
      id: Number(r.id),
      createdAt: String(r.created_at),
      server: str(r.server),
      channelId: str(r.channel_id),
      origin: String(r.origin),
      messageTs: str(r.message_ts),
      replyTs: str(r.reply_ts),
      count: Number(r.n),
    }));
    return { entries, total: Number(rows[0]?.total ?? 0), groups: Number(rows[0]?.groups ?? 0) };
  }

  /**
   * When each server was last heard of: its row's last_seen_at, which every diagnosis recorded for it and every fact
   * recorded for it moves on (Store.serverRowFor). Whoever asks "which servers are silent?" reads it.
   */
  lastHeardOf(): Map<string, string> {
    const rows = this.db.prepare('SELECT name, last_seen_at FROM servers').all() as Row[];
    return new Map(rows.map((r) => [String(r.name), String(r.last_seen_at)]));
  }

  /**
   * The other known problems seen per server since a time: for each server and problem, in how many diagnoses (logs)
   * and since when. Known problems first, most logs first. Diagnoses without a server are left out: the post is per
   * server. A server whose failures nothing explains (no known problem, no KB954960 failure in the window) has its
   * failure codes counted the same way (the code is then the `problem`), so it does not vanish from the fleet view;
   * where a problem or KB954960 already speaks for the server, its codes are left to `server NAME`.
   * Driven by the time index, so the work is the window's: left to itself the planner walks diagnoses_by_server
   * (for `server IS NOT NULL`) over the whole history — 84 ms of the post's 120 at a million diagnoses.
   */
  otherProblemsPerServerSince(since: string): OtherProblemCount[] {
    const rows = this.db
      .prepare(
        `WITH w AS (SELECT d.id, d.server, d.created_at, d.verdict FROM diagnoses d INDEXED BY diagnoses_by_time WHERE d.created_at >= ? AND d.server IS NOT NULL),
         problems AS (SELECT w.server, p.problem, COUNT(*) AS logs, MIN(w.created_at) AS first_at FROM diagnosis_problems p JOIN w ON w.id = p.diagnosis_id GROUP BY w.server, p.problem)
         SELECT server, problem, logs, first_at, 0 AS is_code FROM problems
         UNION ALL
         SELECT w.server, c.code, COUNT(*), MIN(w.created_at), 1 FROM diagnosis_codes c JOIN w ON w.id = c.diagnosis_id
         WHERE w.server NOT IN (SELECT server FROM problems) AND w.server NOT IN (SELECT server FROM w WHERE verdict = 'affected')
         GROUP BY w.server, c.code
         ORDER BY is_code, logs DESC, server, problem`,
      )
      .all(since) as Row[];
    return rows.map((r) => ({ server: String(r.server), problem: String(r.problem), logs: Number(r.logs), since: String(r.first_at) }));
  }
}
