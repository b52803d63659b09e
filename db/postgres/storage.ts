import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { FactsLearned, Verdict } from '../../src/diagnose/diagnose.js';
import { resolveServerAs, type ServerDirectory } from '../../src/diagnose/server-name.js';
import { serverState } from '../../src/diagnose/server-state.js';
import { unexplainedCodes } from '../../src/diagnose/unexplained-codes.js';
import type { AlertMemory } from '../../src/fleet/alerts.js';
import { migrationFiles, newerSchema } from '../migrations.js';
import type { ClientHealth } from '../../src/fleet/health.js';
import { isLang } from '../../src/lang.js';
import {
  MAX_STORED_FINDINGS,
  type AttributionPort,
  type CheckContext,
  type Claim,
  type ClaimResult,
  type DiagnosisRecord,
  type FactKind,
  type FactSource,
  type FaultId,
  type FleetPort,
  type HistoryEntry,
  type HistoryPort,
  type InboxPort,
  type LinkedDiagnosis,
  type Origin,
  type PlacedBy,
  type ReadersPort,
  type ReportingServer,
  type ServerFacts,
  type ServerResolution,
  type ServersPort,
  type StatusPort,
  type Storage,
  type Unattributed,
} from '../../src/store/port.js';
import { diagnosisValues, ITEM_SQL, postClaim, splitPayload, toInboxItem, toStatusPost, toSubscription } from '../rows.js';

/**
 * The PostgreSQL engine behind the storage port (DATABASE_URL): a pool of connections; each port method that writes
 * more than one statement is one transaction on one connection of the pool. The schema is db/postgres/NNN_*.sql,
 * the same tables and columns as the SQLite engine's (times as ISO 8601 text, so both engines compare and return them
 * alike; see 001_schema.sql for each choice).
 */
const MIGRATIONS_DIR = dirname(fileURLToPath(import.meta.url));
/** pg_advisory_xact_lock key of the migration run: replicas starting together migrate once, one after the other. */
const MIGRATION_LOCK = 954_960_001;
/**
 * …and of reshaping server identities ("one server"), held alone by a merge (two at once could each move the other's
 * rows) and shared by every write that files under a name (serverRowFor).
 */
export const IDENTITY_LOCK = 954_960_002;
/**
 * First half of the two-key advisory locks of the sweeps (storage.withExclusive); the second is a hash of the job's
 * name. Two-key locks live apart from the one-key locks above: they cannot collide.
 */
const EXCLUSIVE_LOCK_SPACE = 954_960;
const EXPIRED = '1970-01-01T00:00:00.000Z';

/** A stable 32-bit signed hash of a job's name (FNV-1a): the advisory lock's second key. */
function jobKey(name: string): number {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(name, 'utf8')) h = Math.imul(h ^ b, 0x01000193);
  return h | 0;
}

// Lists ordered by a name (servers, aliases, channels, problems) say COLLATE "C": byte order, as SQLite's BINARY, so they
// come in the same order on both engines whatever collation the database was created with (under a linguistic one,
// `wsus-2` and `wsus1` would swap). Times are text of one fixed format: they sort right under any collation.

type Row = Record<string, unknown>;
type Db = pg.Pool | pg.PoolClient;

const str = (v: unknown): string | null => (v == null ? null : String(v));
const num = (v: unknown): number => Number(v);

async function rows(db: Db, text: string, params: unknown[] = []): Promise<Row[]> {
  return (await db.query(text, params)).rows as Row[];
}
async function one(db: Db, text: string, params: unknown[] = []): Promise<Row | undefined> {
  return (await rows(db, text, params))[0];
}
async function changes(db: Db, text: string, params: unknown[] = []): Promise<number> {
  return (await db.query(text, params)).rowCount ?? 0;
}

export class PostgresStorage implements Storage {
  readonly engine = 'postgres' as const;
  readonly servers: ServersPort;
  readonly history: HistoryPort;
  readonly attribution: AttributionPort;
  readonly inbox: InboxPort;
  readonly status: StatusPort;
  readonly readers: ReadersPort;
  readonly fleet: FleetPort;
  private closed = false;

  constructor(private readonly pool: pg.Pool) {
    const tx = <T>(fn: (c: pg.PoolClient) => Promise<T>) => this.transaction(fn);

    this.servers = {
      resolve: (name, byAdmin = true) => resolveServer(pool, name, byAdmin),
      facts: (name, byAdmin = true) => serverFacts(pool, name, byAdmin),
      list: async () => (await rows(pool, 'SELECT * FROM servers ORDER BY name COLLATE "C"')).map(toFacts),
      aliasesOf: (name) => aliasesOf(pool, name),
      proofsOf: async (name) =>
        (await rows(pool, 'SELECT * FROM server_fact_sources WHERE server = $1 ORDER BY fact COLLATE "C"', [name])).map((r) => ({
          fact: String(r.fact) as FactKind,
          value: str(r.value),
          recordedAt: String(r.recorded_at),
          userId: str(r.user_id),
          channelId: str(r.channel_id),
          messageTs: str(r.message_ts),
          threadTs: str(r.thread_ts),
          permalink: str(r.permalink),
          diagnosisId: r.diagnosis_id == null ? null : num(r.diagnosis_id),
        })),
      failuresOf: async (name) => {
        const names = await spellingsOf(pool, name);
        const found = await rows(
          pool,
          `SELECT * FROM (
             SELECT 'problem' AS kind, p.problem AS id, COUNT(*) AS logs, MIN(d.created_at) AS since, MAX(d.created_at) AS last
               FROM diagnosis_problems p JOIN diagnoses d ON d.id = p.diagnosis_id WHERE d.server = ANY($1) GROUP BY p.problem
             UNION ALL
             SELECT 'code' AS kind, c.code AS id, COUNT(*) AS logs, MIN(d.created_at) AS since, MAX(d.created_at) AS last
               FROM diagnosis_codes c JOIN diagnoses d ON d.id = c.diagnosis_id WHERE d.server = ANY($1) GROUP BY c.code
           ) f ORDER BY last DESC, kind DESC, id COLLATE "C"`,
          [names],
        );
        return found.map((r) => ({
          kind: String(r.kind) as 'problem' | 'code',
          id: String(r.id),
          logs: num(r.logs),
          since: String(r.since),
          last: String(r.last),
        }));
      },
      recent: async (limit) =>
        (await rows(pool, 'SELECT name FROM servers ORDER BY last_seen_at DESC, name COLLATE "C" LIMIT $1', [limit])).map((r) => String(r.name)),
      recordVersion: async (name, kind, version, at, source = {}) => {
        const row = await tx(async (c) => {
          const row = await serverRowFor(c, name, at, true);
          await applyFacts(c, row, { affected: false, ...(kind === 'dll' ? { dllVersion: version } : { wsusVersion: version }) }, at, source);
          return row;
        });
        return (await serverFacts(pool, row, true))!;
      },
    };

    this.history = {
      checkContext: async (q): Promise<CheckContext> => {
        const shared = await sharingFault(pool, q.faultIds);
        // The server directory read once for every name the check asks about (not once per name and again per fact).
        const directory = await serverDirectory(pool);
        const resolved = new Map<string, ServerResolution>(q.names.map((name) => [name, resolveServerAs(name, directory, q.byAdmin)]));
        const facts = new Map<string, ServerFacts | null>();
        for (const name of new Set([...q.names, ...(shared?.server ? [shared.server] : [])])) {
          const r = resolved.get(name) ?? resolveServerAs(name, directory, q.byAdmin);
          facts.set(name, r.kind === 'known' ? await factsOfRow(pool, r.name) : null);
        }
        return { shared, resolved, facts };
      },
      record: (r, same) =>
        tx(async (c) => {
          const id = await recordDiagnosis(c, r);
          if (same?.adopt) {
            await c.query('UPDATE diagnoses SET server = (SELECT server FROM diagnoses WHERE id = $1), server_by_admin = $2 WHERE id = $3 AND server IS NULL', [
              id,
              same.adopt.byAdmin,
              same.adopt.earlierId,
            ]);
          }
          if (same?.confirm !== undefined) await c.query("UPDATE diagnoses SET verdict = 'affected' WHERE id = $1 AND verdict = 'possible'", [same.confirm]);
          return id;
        }),
      retractMessage: (channelId, messageTs, origins = ['message', 'file']) =>
        tx(async (c) => {
          const gone = await rows(c, 'DELETE FROM diagnoses WHERE channel_id = $1 AND message_ts = $2 AND origin = ANY($3) RETURNING id, server, created_at', [
            channelId,
            messageTs,
            [...origins],
          ]);
          for (const server of new Set(gone.map((r) => r.server).filter((v): v is string => typeof v === 'string'))) {
            const names = await spellingsOf(c, server);
            // The last failure is the newest still on record, by its own time (event time, as when it was recorded).
            await c.query(
              `UPDATE servers SET last_affected_at = (SELECT MAX(COALESCE(failed_at, created_at)) FROM diagnoses WHERE verdict = 'affected' AND server = ANY($1))
               WHERE name = $2`,
              [names, server],
            );
            // A server known only through what was retracted is not known at all: no row left to show in the fleet.
            await c.query(
              `DELETE FROM servers WHERE name = $1 AND dll_version IS NULL AND wsus_version IS NULL AND fix_event_at IS NULL AND last_affected_at IS NULL
                 AND NOT EXISTS (SELECT 1 FROM diagnoses WHERE server = ANY($2))
                 AND NOT EXISTS (SELECT 1 FROM server_fact_sources WHERE server = $1)`,
              [server, names],
            );
          }
          return gone.length;
        }),
      list: async (options = {}) => {
        const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
        const names = options.server ? await spellingsOf(pool, options.server) : null;
        const found = await rows(
          pool,
          `SELECT d.*, (SELECT COUNT(*) FROM findings f WHERE f.diagnosis_id = d.id) AS finding_count,
                  (SELECT string_agg(p.problem, ' ') FROM diagnosis_problems p WHERE p.diagnosis_id = d.id) AS problem_ids,
                  (SELECT string_agg(c.code, ' ') FROM diagnosis_codes c WHERE c.diagnosis_id = d.id) AS codes
           FROM diagnoses d WHERE ($1::text[] IS NULL OR d.server = ANY($1)) ORDER BY d.created_at DESC, d.id DESC LIMIT $2`,
          [names, limit],
        );
        return found.map(toHistoryEntry);
      },
      findingsOf: async (id) =>
        (await rows(pool, 'SELECT rule, line, text, fields FROM findings WHERE diagnosis_id = $1 ORDER BY line, seq', [id])).map((r) => ({
          rule: String(r.rule),
          line: num(r.line),
          text: String(r.text),
          fields: JSON.parse(String(r.fields)) as Record<string, string>,
        })),
      evidenceOf: async (id, count) =>
        (
          await rows(
            pool,
            'SELECT rule, line, text FROM (SELECT seq, rule, line, text FROM findings WHERE diagnosis_id = $1 ORDER BY seq LIMIT $2) f ORDER BY line, seq',
            [id, Math.max(0, Math.min(count, MAX_STORED_FINDINGS))],
          )
        ).map((r) => ({ rule: String(r.rule), line: num(r.line), text: String(r.text) })),
      count: async () => num((await one(pool, 'SELECT COUNT(*) AS n FROM diagnoses'))!.n),
      purgeBefore: (before) => changes(pool, 'DELETE FROM diagnoses WHERE created_at < $1', [before]),
    };

    this.attribution = {
      threadServer: async (channelId, threadTs, trusts = () => true) => {
        const found = await rows(
          pool,
          `SELECT server, user_id, server_by_admin FROM diagnoses WHERE channel_id = $1 AND (thread_ts = $2 OR message_ts = $2) AND server IS NOT NULL
           ORDER BY COALESCE(message_ts = $2, false) DESC, created_at, id LIMIT 50`,
          [channelId, threadTs],
        );
        const row = found.find((r) => trusts(placedBy(r)));
        return row ? String(row.server) : null;
      },
      unattributedInThread: async (channelId, threadTs) => {
        const row = await one(
          pool,
          'SELECT * FROM diagnoses WHERE channel_id = $1 AND (thread_ts = $2 OR message_ts = $2) AND server IS NULL AND reported IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1',
          [channelId, threadTs],
        );
        return row ? toUnattributed(row) : null;
      },
      diagnosisReport: async (id) => {
        const row = await one(pool, 'SELECT * FROM diagnoses WHERE id = $1 AND reported IS NOT NULL', [id]);
        return row ? toUnattributed(row) : null;
      },
      replyTo: async (channelId, messageTs) =>
        str(
          (
            await one(pool, "SELECT reply_ts FROM diagnoses WHERE origin = 'message' AND channel_id = $1 AND message_ts = $2 AND reply_ts IS NOT NULL", [
              channelId,
              messageTs,
            ])
          )?.reply_ts,
        ),
      setPermalink: async (id, permalink) => {
        await pool.query('UPDATE server_fact_sources SET permalink = $1 WHERE diagnosis_id = $2', [permalink, id]);
      },
      sameServer: (o) =>
        tx(async (c) => {
          await c.query('SELECT pg_advisory_xact_lock($1)', [IDENTITY_LOCK]);
          const into = await resolveServer(c, o.into, true);
          if (into.kind === 'ambiguous') return { kind: 'unclear' as const, candidates: into.candidates };
          const row = await serverRowFor(c, o.into, o.at, true);
          const from = await resolveServer(c, o.alias, true);
          if (from.kind === 'ambiguous') return { kind: 'unclear' as const, candidates: from.candidates };
          const spelling = from.kind === 'invalid' ? o.alias : from.name;
          if (spelling !== row) await mergeServerInto(c, spelling, row, [o.alias.toLowerCase()]);
          // Only an admin joins two pastes: the placement is an admin's.
          await c.query('UPDATE diagnoses SET server = $1, server_by_admin = TRUE WHERE id IN ($2, $3)', [row, o.diagnosisId, o.earlierId]);
          await c.query(
            `UPDATE diagnoses SET verdict = 'affected' WHERE id IN ($1, $2) AND verdict = 'possible'
               AND EXISTS (SELECT 1 FROM diagnoses o WHERE o.id IN ($1, $2) AND o.verdict = 'affected')`,
            [o.diagnosisId, o.earlierId],
          );
          return { kind: 'joined' as const, server: row };
        }),
      recordFor: (o) =>
        tx(async (c) => {
          const d = o.report;
          const row = await serverRowFor(c, o.server, o.at, true);
          await applyFacts(c, row, { ...d.reported, affected: false }, o.at, {
            userId: o.by,
            channelId: d.channelId,
            messageTs: d.messageTs,
            threadTs: d.threadTs,
            diagnosisId: d.id,
          });
          const facts = await serverFacts(c, row, true);
          await c.query('UPDATE diagnoses SET server = $1, server_state = $2, server_by_admin = TRUE WHERE id = $3', [row, serverState(facts), d.id]);
          return { server: row, facts };
        }),
    };

    this.inbox = {
      accept: async (item) => {
        const { row, content } = splitPayload(item.payload);
        // One statement: the queue row and its content together, or neither (a redelivery inserts nothing).
        const r = await one(
          pool,
          `WITH i AS (INSERT INTO slack_inbox (key, event_id, kind, payload, received_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (key) DO NOTHING RETURNING key),
                c AS (INSERT INTO slack_inbox_content (key, content) SELECT key, $6 FROM i WHERE $6::text IS NOT NULL)
           SELECT COUNT(*) AS n FROM i`,
          [item.key, item.eventId ?? null, item.kind, row, item.at, content],
        );
        return num(r!.n) === 1;
      },
      take: (key, by, at, leaseExpiredBefore, isDead) =>
        tx(async (c) => {
          const row = await one(c, `${ITEM_SQL} WHERE i.key = $1 FOR UPDATE OF i`, [key]);
          if (!row || row.done_at != null) return null;
          const holder = row.taken_by == null ? null : String(row.taken_by);
          if (holder && holder !== by && !isDead(holder) && String(row.taken_at) >= leaseExpiredBefore) return null;
          await c.query('UPDATE slack_inbox SET taken_by = $1, taken_at = $2, attempts = attempts + 1 WHERE key = $3', [by, at, key]);
          return toInboxItem({ ...row, taken_by: by, taken_at: at, attempts: num(row.attempts) + 1 });
        }),
      pending: async (limit = 1000) => (await rows(pool, `${ITEM_SQL} WHERE i.done_at IS NULL ORDER BY i.received_at LIMIT $1`, [limit])).map(toInboxItem),
      finish: (key, outcome, at, replyTs, diagnosisId) =>
        tx(async (c) => {
          // Raw logs are never stored: the pasted text (and the answer quoting it, and where to send it) goes when done.
          await c.query('DELETE FROM slack_inbox_content WHERE key = $1', [key]);
          await c.query(
            `UPDATE slack_inbox SET done_at = $1, outcome = $2, reply_ts = $3, diagnosis_id = COALESCE($4, diagnosis_id),
               payload = CASE WHEN jsonb_typeof(payload::jsonb) = 'object' THEN (payload::jsonb - 'text' - 'answer' - 'responseUrl')::text ELSE payload END
             WHERE key = $5`,
            [at, outcome, replyTs ?? null, diagnosisId ?? null, key],
          );
          if (diagnosisId != null && replyTs) await c.query('UPDATE diagnoses SET reply_ts = $1 WHERE id = $2', [replyTs, diagnosisId]);
        }),
      keepAnswer: async (key, answer, diagnosisId) => {
        await pool.query(
          "UPDATE slack_inbox SET payload = jsonb_set(payload::jsonb, '{answer}', $1::jsonb)::text, diagnosis_id = COALESCE($2, diagnosis_id) WHERE key = $3 AND done_at IS NULL",
          [JSON.stringify(answer), diagnosisId, key],
        );
      },
      renew: async (key, by, at) =>
        (await changes(pool, 'UPDATE slack_inbox SET taken_at = $1 WHERE key = $2 AND taken_by = $3 AND done_at IS NULL', [at, key, by])) > 0,
      release: async (key) => {
        await pool.query('UPDATE slack_inbox SET taken_by = NULL, taken_at = NULL WHERE key = $1 AND done_at IS NULL', [key]);
      },
      item: async (key) => {
        const row = await one(pool, `${ITEM_SQL} WHERE i.key = $1`, [key]);
        return row ? toInboxItem(row) : null;
      },
      purgeDoneBefore: (before) => changes(pool, 'DELETE FROM slack_inbox WHERE done_at IS NOT NULL AND received_at < $1', [before]),
      answeredInThread: async (channelId, threadTs, exceptKey) =>
        (
          await rows(
            pool,
            `SELECT d.server, d.verdict, d.server_state FROM slack_inbox i JOIN diagnoses d ON d.id = i.diagnosis_id
             WHERE i.outcome = 'replied' AND i.key <> $1 AND i.payload::jsonb ->> 'channel' = $2 AND i.payload::jsonb ->> 'replyThreadTs' = $3`,
            [exceptKey, channelId, threadTs],
          )
        ).map((r) => ({ server: str(r.server), verdict: String(r.verdict) as Verdict, serverState: String(r.server_state) })),
    };

    this.status = {
      upsertSubscription: async (s) => {
        const row = await one(
          pool,
          `INSERT INTO subscriptions (channel_id, team_id, post_time, time_zone, lang, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (channel_id) DO UPDATE SET team_id = COALESCE(excluded.team_id, subscriptions.team_id), post_time = excluded.post_time,
             time_zone = excluded.time_zone, lang = excluded.lang
           RETURNING *, (xmax = 0) AS created`,
          [s.channelId, s.teamId ?? null, s.postTime, s.timeZone, s.lang, s.createdBy ?? null, s.at],
        );
        return { subscription: toSubscription(row!), created: row!.created === true };
      },
      deleteSubscription: async (channelId) => (await changes(pool, 'DELETE FROM subscriptions WHERE channel_id = $1', [channelId])) > 0,
      subscription: async (channelId) => {
        const row = await one(pool, 'SELECT * FROM subscriptions WHERE channel_id = $1', [channelId]);
        return row ? toSubscription(row) : null;
      },
      subscriptions: async () => (await rows(pool, 'SELECT * FROM subscriptions ORDER BY channel_id COLLATE "C"')).map(toSubscription),
      claimPost: (o) =>
        tx(async (c): Promise<ClaimResult> => {
          const claimedBy = postClaim.holder(o.instanceId);
          const inserted = await changes(
            c,
            'INSERT INTO status_posts (channel_id, local_date, claimed_at, claimed_by, attempts) VALUES ($1, $2, $3, $4, 1) ON CONFLICT (channel_id, local_date) DO NOTHING',
            [o.channelId, o.localDate, o.now, claimedBy],
          );
          if (inserted === 1) return postClaim.claimed(o, claimedBy, null);
          // The day's row exists: held under lock while it is judged, so two replicas cannot both take it over.
          const row = toStatusPost(
            (await one(c, 'SELECT * FROM status_posts WHERE channel_id = $1 AND local_date = $2 FOR UPDATE', [o.channelId, o.localDate]))!,
          );
          const refused = postClaim.refusal(row, o);
          if (refused) return refused;
          await c.query('UPDATE status_posts SET claimed_at = $1, claimed_by = $2, attempts = attempts + 1 WHERE channel_id = $3 AND local_date = $4', [
            o.now,
            claimedBy,
            o.channelId,
            o.localDate,
          ]);
          return postClaim.claimed(o, claimedBy, row);
        }),
      markPostStarted: async (claim, at) => {
        const n = await changes(
          pool,
          `UPDATE status_posts SET claimed_at = $1, post_started_at = $1
           WHERE channel_id = $2 AND local_date = $3 AND claimed_by = $4 AND claimed_at = $5 AND posted_ts IS NULL`,
          [at, claim.channelId, claim.localDate, claim.claimedBy, claim.claimedAt],
        );
        if (n > 0) claim.claimedAt = at;
        return n > 0;
      },
      renewClaim: async (claim, at) => {
        const n = await changes(
          pool,
          'UPDATE status_posts SET claimed_at = $1 WHERE channel_id = $2 AND local_date = $3 AND claimed_by = $4 AND claimed_at = $5 AND posted_ts IS NULL',
          [at, claim.channelId, claim.localDate, claim.claimedBy, claim.claimedAt],
        );
        if (n > 0) claim.claimedAt = at;
        return n > 0;
      },
      recordPosted: async (channelId, localDate, ts, at) =>
        (await changes(
          pool,
          'UPDATE status_posts SET posted_ts = $1, posted_at = $2, post_started_at = NULL, last_error = NULL WHERE channel_id = $3 AND local_date = $4 AND posted_ts IS NULL',
          [ts, at, channelId, localDate],
        )) > 0,
      releaseClaim: async (claim: Claim, failure) => {
        await pool.query(
          `UPDATE status_posts SET claimed_at = $1, last_error = $2, post_started_at = CASE WHEN $3 THEN NULL ELSE post_started_at END
           WHERE channel_id = $4 AND local_date = $5 AND claimed_by = $6 AND posted_ts IS NULL`,
          [EXPIRED, failure.error.slice(0, 500), failure.posted === 'no', claim.channelId, claim.localDate, claim.claimedBy],
        );
      },
      statusPost: async (channelId, localDate) => {
        const row = await one(pool, 'SELECT * FROM status_posts WHERE channel_id = $1 AND local_date = $2', [channelId, localDate]);
        return row ? toStatusPost(row) : null;
      },
      statusPosts: async (channelId) =>
        (channelId
          ? await rows(pool, 'SELECT * FROM status_posts WHERE channel_id = $1 ORDER BY local_date', [channelId])
          : await rows(pool, 'SELECT * FROM status_posts ORDER BY channel_id COLLATE "C", local_date')
        ).map(toStatusPost),
      purgeStatusPostsBefore: (localDate) => changes(pool, 'DELETE FROM status_posts WHERE local_date < $1', [localDate]),
      firstAffectedAfter: async (servers) => {
        const out = new Map<string, string>();
        if (servers.length === 0) return out;
        const found = await rows(
          pool,
          `SELECT s.name, (SELECT MIN(COALESCE(d.failed_at, d.created_at)) FROM diagnoses d WHERE d.server = s.name AND d.verdict = 'affected' AND COALESCE(d.failed_at, d.created_at) > s.since_at) AS t
           FROM unnest($1::text[], $2::text[]) AS s (name, since_at)`,
          [servers.map((s) => s.name), servers.map((s) => s.after ?? '')],
        );
        for (const r of found) if (r.t) out.set(String(r.name), String(r.t));
        return out;
      },
      newDetectionsSince: async (since, limit) => {
        const found = await rows(
          pool,
          `WITH detection AS (
             SELECT d.id, d.created_at, COALESCE(a.name, d.server) AS server, d.channel_id, d.origin, d.message_ts, d.reply_ts
             FROM diagnoses d LEFT JOIN server_aliases a ON a.alias = d.server
             WHERE d.verdict = 'affected' AND d.created_at >= $1
               -- Driven by this diagnosis's own fault IDs (most have none), as the SQLite engine's query is.
               AND NOT EXISTS (
                 SELECT 1 FROM fault_ids f
                 WHERE f.diagnosis_id = d.id AND EXISTS (
                   SELECT 1 FROM fault_ids g JOIN diagnoses e ON e.id = g.diagnosis_id
                   WHERE g.fault_id = f.fault_id AND g.diagnosis_id <> f.diagnosis_id AND e.verdict = 'affected'
                     AND (e.created_at < d.created_at OR (e.created_at = d.created_at AND e.id < d.id))
                     AND (e.server IS NOT DISTINCT FROM d.server OR e.server IS NULL OR d.server IS NULL)
                 )
               )
           ), ranked AS (
             SELECT *, COUNT(*) OVER per_server AS n, ROW_NUMBER() OVER (per_server ORDER BY created_at DESC, id DESC) AS newness
             FROM detection
             WINDOW per_server AS (PARTITION BY server, CASE WHEN server IS NULL THEN channel_id END)
           )
           SELECT *, COUNT(*) OVER () AS group_count, SUM(n) OVER () AS total FROM ranked WHERE newness = 1
           ORDER BY created_at DESC, id DESC LIMIT $2`,
          [since, Math.max(1, limit)],
        );
        const entries = found.map((r) => ({
          id: num(r.id),
          createdAt: String(r.created_at),
          server: str(r.server),
          channelId: str(r.channel_id),
          origin: String(r.origin),
          messageTs: str(r.message_ts),
          replyTs: str(r.reply_ts),
          count: num(r.n),
        }));
        return { entries, total: num(found[0]?.total ?? 0), groups: num(found[0]?.group_count ?? 0) };
      },
      lastHeardOf: async () => new Map((await rows(pool, 'SELECT name, last_seen_at FROM servers')).map((r) => [String(r.name), String(r.last_seen_at)])),
      otherProblemsPerServerSince: async (since) =>
        (
          await rows(
            pool,
            `WITH w AS (SELECT d.id, d.server, d.created_at, d.verdict FROM diagnoses d WHERE d.created_at >= $1 AND d.server IS NOT NULL),
             problems AS (SELECT w.server, p.problem, COUNT(*) AS logs, MIN(w.created_at) AS first_at FROM diagnosis_problems p JOIN w ON w.id = p.diagnosis_id GROUP BY w.server, p.problem)
             SELECT * FROM (
               SELECT server, problem, logs, first_at, 0 AS is_code FROM problems
               UNION ALL
               SELECT w.server, c.code, COUNT(*), MIN(w.created_at), 1 FROM diagnosis_codes c JOIN w ON w.id = c.diagnosis_id
               WHERE w.server NOT IN (SELECT server FROM problems) AND w.server NOT IN (SELECT server FROM w WHERE verdict = 'affected')
               GROUP BY w.server, c.code
             ) f ORDER BY is_code, logs DESC, server COLLATE "C", problem COLLATE "C"`,
            [since],
          )
        ).map((r) => ({ server: String(r.server), problem: String(r.problem), logs: num(r.logs), since: String(r.first_at) })),
    };

    this.readers = {
      chosenLang: async (userId) => {
        const lang = (await one(pool, 'SELECT lang FROM reader_langs WHERE user_id = $1', [userId]))?.lang;
        return isLang(lang) ? lang : null;
      },
      langFor: async (userId, fallback) => (userId === undefined ? null : await this.readers.chosenLang(userId)) ?? fallback,
      choose: async (userId, lang, at) => {
        await pool.query(
          'INSERT INTO reader_langs (user_id, lang, chosen_at) VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE SET lang = excluded.lang, chosen_at = excluded.chosen_at',
          [userId, lang, at],
        );
      },
    };

    // Fleet reports: the same statements as the SQLite engine's (db/sqlite/fleet-store.ts).
    const reporting = async (server?: string): Promise<ReportingServer[]> => {
      const sql = `SELECT s.server, k.revoked_at, (SELECT MAX(received_at) FROM reports r WHERE r.server = s.server) AS last_report_at, h.health
           FROM (SELECT server FROM report_keys UNION SELECT server FROM reports) s
           LEFT JOIN report_keys k ON k.server = s.server LEFT JOIN client_health h ON h.server = s.server`;
      const found = server === undefined ? await rows(pool, `${sql} ORDER BY s.server COLLATE "C"`) : await rows(pool, `${sql} WHERE s.server = $1`, [server]);
      return found.map((r) => ({
        server: String(r.server),
        lastReportAt: str(r.last_report_at),
        health: r.health == null ? null : (JSON.parse(String(r.health)) as ClientHealth),
        revoked: r.revoked_at != null,
      }));
    };
    this.fleet = {
      enroll: async (server, key, at) => {
        await pool.query(
          'INSERT INTO report_keys (server, key, enrolled_at, revoked_at) VALUES ($1, $2, $3, NULL) ON CONFLICT (server) DO UPDATE SET key = excluded.key, enrolled_at = excluded.enrolled_at, revoked_at = NULL',
          [server, key, at],
        );
      },
      revoke: async (server, at) => (await changes(pool, 'UPDATE report_keys SET revoked_at = $1 WHERE server = $2 AND revoked_at IS NULL', [at, server])) > 0,
      keyOf: async (server) => str((await one(pool, 'SELECT key FROM report_keys WHERE server = $1 AND revoked_at IS NULL', [server]))?.key),
      seen: async (id) => (await one(pool, 'SELECT 1 AS x FROM reports WHERE id = $1', [id])) !== undefined,
      recordReport: (r) =>
        tx(async (c) => {
          const added = await changes(
            c,
            'INSERT INTO reports (id, server, generated, received_at, diagnosis_id) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
            [r.id, r.server, r.generated, r.receivedAt, r.diagnosisId],
          );
          if (added === 0) {
            // The first taking's diagnosis of the same log stands; the server's facts and last failure are what it made them.
            if (r.diagnosisId !== null) await c.query('DELETE FROM diagnoses WHERE id = $1', [r.diagnosisId]);
            return false;
          }
          if (r.health) {
            // An older report arriving late (an -OutFile carried over) does not replace newer health.
            await c.query(
              `INSERT INTO client_health (server, report_id, at, total, not_synced, health) VALUES ($1, $2, $3, $4, $5, $6)
               ON CONFLICT (server) DO UPDATE SET report_id = excluded.report_id, at = excluded.at, total = excluded.total,
                 not_synced = excluded.not_synced, health = excluded.health
               WHERE excluded.at >= client_health.at`,
              [r.server, r.id, r.health.at, r.health.total, r.health.notSynced, JSON.stringify(r.health)],
            );
          }
          return true;
        }),
      reporting: () => reporting(),
      reportingOf: async (server) => (await reporting(server))[0] ?? null,
      alertMemory: async (server) => {
        const row = await one(pool, 'SELECT memory FROM fleet_alerts WHERE server = $1', [server]);
        return row ? (JSON.parse(String(row.memory)) as AlertMemory) : null;
      },
      // Compare-and-set on the stored JSON (built with one key order by the alert decision): one change, one post.
      swapAlertMemory: async (server, previous, next, at) => {
        const text = JSON.stringify(next);
        if (previous === null)
          return (
            (await changes(pool, 'INSERT INTO fleet_alerts (server, memory, updated_at) VALUES ($1, $2, $3) ON CONFLICT (server) DO NOTHING', [
              server,
              text,
              at,
            ])) > 0
          );
        return (
          (await changes(pool, 'UPDATE fleet_alerts SET memory = $1, updated_at = $2 WHERE server = $3 AND memory = $4', [
            text,
            at,
            server,
            JSON.stringify(previous),
          ])) > 0
        );
      },
      alertThread: async (server, channelId) =>
        str((await one(pool, 'SELECT ts FROM fleet_alert_threads WHERE server = $1 AND channel_id = $2', [server, channelId]))?.ts),
      setAlertThread: async (server, channelId, ts, at) => {
        if (ts === null) await pool.query('DELETE FROM fleet_alert_threads WHERE server = $1 AND channel_id = $2', [server, channelId]);
        else
          await pool.query(
            'INSERT INTO fleet_alert_threads (server, channel_id, ts, posted_at) VALUES ($1, $2, $3, $4) ON CONFLICT (server, channel_id) DO UPDATE SET ts = excluded.ts, posted_at = excluded.posted_at',
            [server, channelId, ts, at],
          );
      },
    };
  }

  /** One transaction on one connection of the pool: committed when `fn` resolves, rolled back when it throws. */
  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const c = await this.pool.connect();
    // A connection whose ROLLBACK failed is broken or still in a transaction: it is closed, not handed to the next caller.
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      await c.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback;
      });
      throw e;
    } finally {
      c.release(broken);
    }
  }

  /**
   * Applies the NNN_*.sql files of `dir` (db/postgres) not yet applied, in order, in one transaction under one lock:
   * replicas starting together migrate once, and a migration that fails leaves the database as it was (PostgreSQL's
   * DDL is transactional), not half upgraded. A database from a newer version is refused, as on SQLite.
   */
  async migrate(clock: () => Date, dir: string = MIGRATIONS_DIR): Promise<void> {
    const { files, known } = migrationFiles(dir);
    await this.transaction(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await c.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
      const done = new Set((await rows(c, 'SELECT version FROM schema_migrations')).map((r) => num(r.version)));
      const current = Math.max(0, ...done);
      if (current > known) throw new Error(newerSchema(current, known));
      for (const file of files) {
        const version = Number(file.slice(0, 3));
        if (done.has(version)) continue;
        try {
          await c.query(readFileSync(join(dir, file), 'utf8'));
        } catch (e) {
          throw new Error(`migration ${file} failed, nothing was changed: ${(e as Error).message}`, { cause: e });
        }
        await c.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [version, file, clock().toISOString()]);
      }
    });
  }

  deferHousekeeping(): void {
    // PostgreSQL's upkeep (checkpoints, autovacuum) runs in its own server processes, never inside our statements.
  }

  async housekeeping(): Promise<void> {}

  async withExclusive(name: string, fn: () => Promise<void>): Promise<boolean> {
    // A session lock on a connection of its own, held while fn runs on the pool: the lock is not a transaction, so the
    // sweep's own statements commit as they go. A replica that dies loses its connection, and the server the lock.
    const client = await this.pool.connect();
    let broken: Error | undefined;
    // A connection cut while it holds the lock (the server restarted) errors on the client, not on the pool: noted
    // here (the pool's listener only covers idle ones), it must not end the process.
    const onError = (e: Error) => (broken = e);
    client.on('error', onError);
    try {
      const got = await one(client, 'SELECT pg_try_advisory_lock($1, $2) AS got', [EXCLUSIVE_LOCK_SPACE, jobKey(name)]);
      if (!got?.got) return false;
      try {
        await fn();
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, $2)', [EXCLUSIVE_LOCK_SPACE, jobKey(name)]).catch((e: Error) => (broken = e));
      }
      return true;
    } finally {
      // A connection whose unlock failed may still hold the lock: it is closed rather than handed back to the pool.
      client.off('error', onError);
      client.release(broken ?? false);
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      await this.pool.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Connects to DATABASE_URL to read only (`scan --no-save`): nothing is created or migrated, one connection opened on
 * demand. Null when the database holds no schema of the bot's yet (nothing is known); refused when its schema is of
 * another version than this one's, whose reads would not fit it.
 */
export async function openPostgresToRead(url: string): Promise<PostgresStorage | null> {
  const pool = new pg.Pool({ connectionString: url, max: 1, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  try {
    const table = await one(pool, "SELECT to_regclass('schema_migrations') IS NOT NULL AS present");
    if (!table?.present) {
      await pool.end();
      return null;
    }
    const current = num((await one(pool, 'SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations'))?.v ?? 0);
    const { known } = migrationFiles(MIGRATIONS_DIR);
    if (current > known) throw new Error(newerSchema(current, known));
    if (current < known) throw new Error(`its schema is version ${current}, older than this version's (${known}): start the bot once to upgrade it`);
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  return new PostgresStorage(pool);
}

/**
 * Connections per process: enough for a burst's acks and replies to run side by side; two replicas hold 2 × this
 * many of PostgreSQL's max_connections (100 by default).
 */
const POOL_SIZE = 10;

/** Connects to DATABASE_URL, applies the pending migrations and opens the pool's connections. */
export async function openPostgresStorage(
  url: string,
  options: { clock?: () => Date /** Another migrations directory (upgrade tests); db/postgres by default. */; migrationsDir?: string } = {},
): Promise<PostgresStorage> {
  // The pool keeps all its connections open, idle or not (min = max), and opens them at start: a burst of pastes is
  // then answered over connections that exist. Opened on demand instead, the first burst after a quiet spell (pg closes
  // idle connections after 10 s by default) paid for a backend start per connection inside its acks: ack p99 1.7× SQLite's.
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, min: POOL_SIZE, connectionTimeoutMillis: 10_000 });
  // An idle connection the server dropped is an error event on the pool: without a listener it would end the process.
  pool.on('error', () => undefined);
  const storage = new PostgresStorage(pool);
  try {
    await storage.migrate(options.clock ?? (() => new Date()), options.migrationsDir);
    const opened = await Promise.all(Array.from({ length: POOL_SIZE }, () => pool.connect()));
    for (const c of opened) c.release();
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw e;
  }
  return storage;
}

// ── servers ─────────────────────────────────────────────────────────────────────────────────────────

async function serverDirectory(db: Db): Promise<ServerDirectory> {
  const names = await rows(db, 'SELECT name AS alias, name, named_by_admin FROM servers UNION ALL SELECT alias, name, TRUE FROM server_aliases');
  const trusted = new Map<string, string>();
  const unvouched = new Set<string>();
  for (const r of names) {
    if (r.named_by_admin) trusted.set(String(r.alias), String(r.name));
    else unvouched.add(String(r.name));
  }
  return { trusted, unvouched };
}

async function resolveServer(db: Db, name: string, byAdmin: boolean): Promise<ServerResolution> {
  return resolveServerAs(name, await serverDirectory(db), byAdmin);
}

async function serverFacts(db: Db, name: string, byAdmin: boolean): Promise<ServerFacts | null> {
  const r = await resolveServer(db, name, byAdmin);
  return r.kind === 'known' ? factsOfRow(db, r.name) : null;
}

/** The facts of the server recorded under `row` (a resolved name). */
async function factsOfRow(db: Db, row: string): Promise<ServerFacts | null> {
  const found = await one(db, 'SELECT * FROM servers WHERE name = $1', [row]);
  return found ? toFacts(found) : null;
}

async function aliasesOf(db: Db, name: string): Promise<string[]> {
  return (await rows(db, 'SELECT alias FROM server_aliases WHERE name = $1 ORDER BY alias COLLATE "C"', [name])).map((r) => String(r.alias));
}

async function spellingsOf(db: Db, name: string): Promise<string[]> {
  const r = await resolveServer(db, name, true);
  if (r.kind !== 'known') return [r.kind === 'invalid' ? name : r.name];
  return [r.name, ...(await aliasesOf(db, r.name))];
}

/**
 * The row a name is recorded under (created if new); an admin's new spelling of a known server is kept as its alias.
 * Within a transaction (`c`): it holds the identity lock shared till commit, so a "one server" merge on another replica
 * (which holds it alone) is either wholly before this (the name resolves to the merged row) or wholly after (it moves
 * this row too) — never between, where a name just merged away would be created again.
 */
async function serverRowFor(c: pg.PoolClient, name: string, at: string, byAdmin: boolean): Promise<string> {
  await c.query('SELECT pg_advisory_xact_lock_shared($1)', [IDENTITY_LOCK]);
  const r = await resolveServer(c, name, byAdmin);
  const row = r.kind === 'known' ? r.name : r.kind === 'invalid' ? name : r.name;
  await c.query(
    `INSERT INTO servers (name, first_seen_at, last_seen_at, named_by_admin) VALUES ($1, $2, $2, $3)
     ON CONFLICT (name) DO UPDATE SET last_seen_at = excluded.last_seen_at, named_by_admin = servers.named_by_admin OR excluded.named_by_admin`,
    [row, at, byAdmin],
  );
  if (byAdmin && r.kind === 'known' && r.alias)
    await c.query('INSERT INTO server_aliases (alias, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.alias, row]);
  return row;
}

/** What an input taught about a server, onto its row (which exists), keeping where each fact came from. */
async function applyFacts(db: Db, server: string, l: FactsLearned, at: string, source: FactSource, failedAt?: string): Promise<void> {
  await db.query(
    `UPDATE servers SET
       dll_version = COALESCE($1, dll_version), dll_version_at = CASE WHEN $1::text IS NULL THEN dll_version_at ELSE $2 END,
       wsus_version = COALESCE($3, wsus_version), wsus_version_at = CASE WHEN $3::text IS NULL THEN wsus_version_at ELSE $2 END,
       fix_event_at = CASE $4::int WHEN 1 THEN $5 WHEN 0 THEN NULL ELSE fix_event_at END,
       last_affected_at = CASE WHEN $6 THEN GREATEST(COALESCE(last_affected_at, ''), $7) ELSE last_affected_at END
     WHERE name = $8`,
    [
      l.dllVersion ?? null,
      at,
      l.wsusVersion ?? null,
      // The server's own output saying the install event is absent supersedes an earlier sighting.
      l.fixEvent === undefined ? null : l.fixEvent ? 1 : 0,
      (l.fixEvent && l.fixEventOn) || at,
      // A failure counts from its own time, and an older log never moves it back.
      !!l.affected,
      failedAt ?? at,
      server,
    ],
  );
  if (l.dllVersion) await keepSource(db, server, 'dll', l.dllVersion, at, source);
  if (l.wsusVersion) await keepSource(db, server, 'wsus', l.wsusVersion, at, source);
  if (l.fixEvent) await keepSource(db, server, 'fix-event', null, at, source);
  if (l.fixEvent === false) await db.query("DELETE FROM server_fact_sources WHERE server = $1 AND fact = 'fix-event'", [server]);
}

async function keepSource(db: Db, server: string, fact: FactKind, value: string | null, at: string, s: FactSource): Promise<void> {
  await db.query(
    `INSERT INTO server_fact_sources (server, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (server, fact) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at, user_id = excluded.user_id,
       channel_id = excluded.channel_id, message_ts = excluded.message_ts, thread_ts = excluded.thread_ts, permalink = excluded.permalink,
       diagnosis_id = excluded.diagnosis_id`,
    [server, fact, value, at, s.userId ?? null, s.channelId ?? null, s.messageTs ?? null, s.threadTs ?? null, s.permalink ?? null, s.diagnosisId ?? null],
  );
}

/** The row `from` (if any) becomes part of `into`: its diagnoses, aliases and the newer of each fact move over. */
async function mergeServerInto(db: Db, from: string, into: string, spellings: readonly string[]): Promise<void> {
  await db.query(
    `UPDATE servers SET
       dll_version = CASE WHEN f.dll_version_at > COALESCE(servers.dll_version_at, '') THEN f.dll_version ELSE servers.dll_version END,
       dll_version_at = NULLIF(GREATEST(COALESCE(servers.dll_version_at, ''), COALESCE(f.dll_version_at, '')), ''),
       wsus_version = CASE WHEN f.wsus_version_at > COALESCE(servers.wsus_version_at, '') THEN f.wsus_version ELSE servers.wsus_version END,
       wsus_version_at = NULLIF(GREATEST(COALESCE(servers.wsus_version_at, ''), COALESCE(f.wsus_version_at, '')), ''),
       fix_event_at = COALESCE(servers.fix_event_at, f.fix_event_at),
       last_affected_at = NULLIF(GREATEST(COALESCE(servers.last_affected_at, ''), COALESCE(f.last_affected_at, '')), ''),
       first_seen_at = LEAST(servers.first_seen_at, f.first_seen_at)
     FROM (SELECT * FROM servers WHERE name = $1) AS f WHERE servers.name = $2`,
    [from, into],
  );
  await db.query(
    `INSERT INTO server_fact_sources (server, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id)
     SELECT $1, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id FROM server_fact_sources WHERE server = $2
     ON CONFLICT (server, fact) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at, user_id = excluded.user_id,
       channel_id = excluded.channel_id, message_ts = excluded.message_ts, thread_ts = excluded.thread_ts, permalink = excluded.permalink,
       diagnosis_id = excluded.diagnosis_id
     WHERE excluded.recorded_at > server_fact_sources.recorded_at`,
    [into, from],
  );
  await db.query('DELETE FROM server_fact_sources WHERE server = $1', [from]);
  await db.query('UPDATE diagnoses SET server = $1 WHERE server = $2', [into, from]);
  await db.query('UPDATE server_aliases SET name = $1 WHERE name = $2', [into, from]);
  await db.query('DELETE FROM servers WHERE name = $1', [from]);
  // An admin said so: the merged row and its spellings are an admin's naming from now on.
  await db.query('UPDATE servers SET named_by_admin = TRUE WHERE name = $1', [into]);
  for (const s of new Set([from, ...spellings])) {
    if (s !== into)
      await db.query('INSERT INTO server_aliases (alias, name) VALUES ($1, $2) ON CONFLICT (alias) DO UPDATE SET name = excluded.name', [s, into]);
  }
}

// ── diagnoses ───────────────────────────────────────────────────────────────────────────────────────

async function recordDiagnosis(c: pg.PoolClient, r: DiagnosisRecord): Promise<number> {
  const d = r.diagnosis;
  const byAdmin = r.byAdmin ?? true;
  const server = d.server ? await serverRowFor(c, d.server, r.at, byAdmin) : null;
  const inserted = await one(
    c,
    `INSERT INTO diagnoses (created_at, origin, server, verdict, server_state, lang, lines, source_name, team_id, channel_id, message_ts, thread_ts, user_id, reported, server_by_admin, failed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) ON CONFLICT DO NOTHING RETURNING id`,
    diagnosisValues(r, server, byAdmin),
  );
  if (!inserted) {
    // This Slack message (or file) was diagnosed before: a resumed or repeated delivery. Keep the first.
    const existing = await one(
      c,
      `SELECT id FROM diagnoses WHERE origin = $1 AND channel_id IS NOT DISTINCT FROM $2 AND message_ts = $3 AND COALESCE(source_name, '') = $4`,
      [r.origin, r.channelId ?? null, r.messageTs ?? null, r.sourceName ?? ''],
    );
    return num(existing!.id);
  }
  const id = num(inserted.id);
  if (server)
    await applyFacts(
      c,
      server,
      d.learned,
      r.at,
      { userId: r.userId, channelId: r.channelId, messageTs: r.messageTs, threadTs: r.threadTs, diagnosisId: id },
      d.failedAt,
    );
  const faults = r.faultIds ?? [];
  if (faults.length > 0) {
    await c.query('INSERT INTO fault_ids (diagnosis_id, fault_id, side) SELECT $1::bigint, * FROM unnest($2::text[], $3::text[]) ON CONFLICT DO NOTHING', [
      id,
      faults.map((f) => f.id),
      faults.map((f) => f.side),
    ]);
  }
  // Evidence first, so that what the verdict rests on survives the cap (and evidenceOf reads it back first).
  const evidence = new Set(d.evidence);
  const ordered = [...d.evidence, ...d.findings.filter((f) => !evidence.has(f))].slice(0, MAX_STORED_FINDINGS);
  if (ordered.length > 0) {
    await c.query(
      `INSERT INTO findings (diagnosis_id, rule, line, text, fields)
       SELECT $1::bigint, f.rule, f.line, f.text, f.fields FROM unnest($2::text[], $3::int[], $4::text[], $5::text[]) WITH ORDINALITY AS f (rule, line, text, fields, n) ORDER BY f.n`,
      [id, ordered.map((f) => f.rule), ordered.map((f) => f.line), ordered.map((f) => f.text), ordered.map((f) => JSON.stringify(f.fields))],
    );
  }
  if (d.problems.length > 0)
    await c.query('INSERT INTO diagnosis_problems (diagnosis_id, problem) SELECT $1::bigint, * FROM unnest($2::text[]) ON CONFLICT DO NOTHING', [
      id,
      d.problems.map((p) => p.id),
    ]);
  const codes = unexplainedCodes(d);
  if (codes.length > 0)
    await c.query('INSERT INTO diagnosis_codes (diagnosis_id, code) SELECT $1::bigint, * FROM unnest($2::text[]) ON CONFLICT DO NOTHING', [id, codes]);
  return id;
}

/** The first diagnosis that shows the other side of one of these failures (a client's ID: for a server's ID=, or the reverse). */
async function sharingFault(db: Db, ids: readonly FaultId[]): Promise<LinkedDiagnosis | null> {
  if (ids.length === 0) return null;
  const row = await one(
    db,
    `SELECT d.id, d.server, d.channel_id, d.message_ts, d.reply_ts, d.user_id, d.server_by_admin, d.verdict, f.fault_id
     FROM fault_ids f JOIN diagnoses d ON d.id = f.diagnosis_id JOIN unnest($1::text[], $2::text[]) AS q (id, side) ON f.fault_id = q.id AND f.side <> q.side
     ORDER BY d.created_at, d.id LIMIT 1`,
    [ids.map((f) => f.id), ids.map((f) => f.side)],
  );
  if (!row) return null;
  return {
    id: num(row.id),
    server: str(row.server),
    channelId: str(row.channel_id),
    messageTs: str(row.message_ts),
    replyTs: str(row.reply_ts),
    faultId: String(row.fault_id),
    placedBy: placedBy(row),
    verdict: String(row.verdict),
  };
}

// ── rows ────────────────────────────────────────────────────────────────────────────────────────────

function toFacts(row: Row): ServerFacts {
  return {
    name: String(row.name),
    dllVersion: str(row.dll_version),
    dllVersionAt: str(row.dll_version_at),
    wsusVersion: str(row.wsus_version),
    wsusVersionAt: str(row.wsus_version_at),
    fixEventAt: str(row.fix_event_at),
    lastAffectedAt: str(row.last_affected_at),
  };
}

function toHistoryEntry(row: Row): HistoryEntry {
  return {
    id: num(row.id),
    createdAt: String(row.created_at),
    origin: String(row.origin) as Origin,
    server: str(row.server),
    verdict: String(row.verdict) as Verdict,
    serverState: String(row.server_state),
    lines: num(row.lines),
    sourceName: str(row.source_name),
    channelId: str(row.channel_id),
    messageTs: str(row.message_ts),
    replyTs: str(row.reply_ts),
    userId: str(row.user_id),
    findings: num(row.finding_count ?? 0),
    problems: row.problem_ids ? String(row.problem_ids).split(' ').sort() : [],
    codes: row.codes ? String(row.codes).split(' ').sort() : [],
  };
}

function placedBy(row: Row): PlacedBy {
  return { userId: str(row.user_id), byAdmin: row.server_by_admin !== false };
}

function toUnattributed(row: Row): Unattributed {
  return {
    id: num(row.id),
    server: str(row.server),
    reported: JSON.parse(String(row.reported)) as Omit<FactsLearned, 'affected'>,
    channelId: str(row.channel_id),
    messageTs: str(row.message_ts),
    threadTs: str(row.thread_ts),
    replyTs: str(row.reply_ts),
  };
}
