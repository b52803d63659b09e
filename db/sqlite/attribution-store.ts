import type Database from 'better-sqlite3';
import type { FactsLearned } from '../../src/diagnose/diagnose.js';
import type { FactKind, FactProof, FactSource, FaultId, LinkedDiagnosis, PlacedBy, Unattributed } from '../../src/store/port.js';

type Row = Record<string, unknown>;
const str = (row: Row, k: string) => (row[k] == null ? null : String(row[k]));

export class AttributionStore {
  private readonly sql: (text: string) => Database.Statement;

  /**
   * Shares the Store's connection through its prepared statements (db/store.ts); takes only what it uses so the two
   * modules do not import each other. Preparing cost more than running: these run on every paste.
   */
  constructor(store: { statement(text: string): Database.Statement }) {
    this.sql = (text) => store.statement(text);
  }

  /**
   * Applies what an input taught about a server to its row (the row must exist) and keeps where each fact came from.
   * The one place server facts are written from a diagnosis.
   */
  applyFacts(server: string, l: FactsLearned, at: string, source: FactSource, failedAt?: string): void {
    this.sql(
      `UPDATE servers SET
           dll_version = COALESCE(?, dll_version), dll_version_at = CASE WHEN ? IS NULL THEN dll_version_at ELSE ? END,
           wsus_version = COALESCE(?, wsus_version), wsus_version_at = CASE WHEN ? IS NULL THEN wsus_version_at ELSE ? END,
           fix_event_at = CASE ? WHEN 1 THEN ? WHEN 0 THEN NULL ELSE fix_event_at END,
           last_affected_at = CASE WHEN ? THEN MAX(COALESCE(last_affected_at, ''), ?) ELSE last_affected_at END
         WHERE name = ?`,
    ).run(
      l.dllVersion ?? null,
      l.dllVersion ?? null,
      at,
      l.wsusVersion ?? null,
      l.wsusVersion ?? null,
      at,
      // The server's own output saying the install event is absent supersedes an earlier sighting. The event counts
      // from its own date when the output printed it.
      l.fixEvent === undefined ? null : l.fixEvent ? 1 : 0,
      (l.fixEvent && l.fixEventOn) || at,
      // A failure counts from its own time (diagnose: Diagnosis.failedAt), and an older log never moves it back.
      l.affected ? 1 : 0,
      failedAt ?? at,
      server,
    );
    if (l.dllVersion) this.keepSource(server, 'dll', l.dllVersion, at, source);
    if (l.wsusVersion) this.keepSource(server, 'wsus', l.wsusVersion, at, source);
    if (l.fixEvent) this.keepSource(server, 'fix-event', null, at, source);
    if (l.fixEvent === false) this.sql("DELETE FROM server_fact_sources WHERE server = ? AND fact = 'fix-event'").run(server);
  }

  keepSource(server: string, fact: FactKind, value: string | null, at: string, s: FactSource): void {
    this.sql(
      `INSERT INTO server_fact_sources (server, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (server, fact) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at, user_id = excluded.user_id,
           channel_id = excluded.channel_id, message_ts = excluded.message_ts, thread_ts = excluded.thread_ts, permalink = excluded.permalink,
           diagnosis_id = excluded.diagnosis_id`,
    ).run(server, fact, value, at, s.userId ?? null, s.channelId ?? null, s.messageTs ?? null, s.threadTs ?? null, s.permalink ?? null, s.diagnosisId ?? null);
  }

  /** The link to the thread a diagnosis was answered in, once Slack gave it (after the facts were recorded). */
  setPermalink(diagnosisId: number, permalink: string): void {
    this.sql('UPDATE server_fact_sources SET permalink = ? WHERE diagnosis_id = ?').run(permalink, diagnosisId);
  }

  proofsOf(server: string): FactProof[] {
    const rows = this.sql('SELECT * FROM server_fact_sources WHERE server = ? ORDER BY fact').all(server) as Row[];
    return rows.map((r) => ({
      fact: String(r.fact) as FactKind,
      value: str(r, 'value'),
      recordedAt: String(r.recorded_at),
      userId: str(r, 'user_id'),
      channelId: str(r, 'channel_id'),
      messageTs: str(r, 'message_ts'),
      threadTs: str(r, 'thread_ts'),
      permalink: str(r, 'permalink'),
      diagnosisId: r.diagnosis_id == null ? null : Number(r.diagnosis_id),
    }));
  }

  recordFaultIds(diagnosisId: number, ids: readonly FaultId[]): void {
    const insert = this.sql('INSERT OR IGNORE INTO fault_ids (diagnosis_id, fault_id, side) VALUES (?, ?, ?)');
    for (const f of ids) insert.run(diagnosisId, f.id, f.side);
  }

  /**
   * The first diagnosis (other than `except`) that shows the other side of one of these failures — a client's `ID:`
   * for a server's `ID=`, or the reverse: whichever came first is the record. The same side pasted again is a repeat,
   * not a confirmation.
   */
  sharingFault(ids: readonly FaultId[], except?: number | null): LinkedDiagnosis | null {
    if (ids.length === 0) return null;
    const match = ids.map(() => '(f.fault_id = ? AND f.side <> ?)').join(' OR ');
    const row = this.sql(
      `SELECT d.id, d.server, d.channel_id, d.message_ts, d.reply_ts, d.user_id, d.server_by_admin, d.verdict, f.fault_id FROM fault_ids f JOIN diagnoses d ON d.id = f.diagnosis_id
         WHERE (${match}) AND d.id IS NOT ? ORDER BY d.created_at, d.id LIMIT 1`,
    ).get(...ids.flatMap((f) => [f.id, f.side]), except ?? null) as Row | undefined;
    if (!row) return null;
    return {
      id: Number(row.id),
      server: str(row, 'server'),
      channelId: str(row, 'channel_id'),
      messageTs: str(row, 'message_ts'),
      replyTs: str(row, 'reply_ts'),
      faultId: String(row.fault_id),
      placedBy: placedBy(row),
      verdict: String(row.verdict),
    };
  }

  /**
   * A partial paste (`possible`) whose failure a later paste proved to be KB954960 (the signature under the same
   * fault ID): it is `affected` now, one record of the failure with the other.
   */
  confirmFailure(diagnosisId: number): void {
    this.sql("UPDATE diagnoses SET verdict = 'affected' WHERE id = ? AND verdict = 'possible'").run(diagnosisId);
  }

  /**
   * An admin said two names are one server: the row `from` (if it has one) becomes part of `into` — its diagnoses,
   * its aliases and the newer of each fact move over — and every spelling of it is an alias of `into`. Run inside a
   * transaction (src/attribute.ts sameServer).
   */
  mergeServerInto(from: string, into: string, spellings: readonly string[]): void {
    this.sql(
      `UPDATE servers SET
           dll_version = CASE WHEN f.dll_version_at > COALESCE(servers.dll_version_at, '') THEN f.dll_version ELSE servers.dll_version END,
           dll_version_at = MAX(COALESCE(servers.dll_version_at, ''), COALESCE(f.dll_version_at, '')),
           wsus_version = CASE WHEN f.wsus_version_at > COALESCE(servers.wsus_version_at, '') THEN f.wsus_version ELSE servers.wsus_version END,
           wsus_version_at = MAX(COALESCE(servers.wsus_version_at, ''), COALESCE(f.wsus_version_at, '')),
           fix_event_at = COALESCE(servers.fix_event_at, f.fix_event_at),
           last_affected_at = MAX(COALESCE(servers.last_affected_at, ''), COALESCE(f.last_affected_at, '')),
           first_seen_at = MIN(servers.first_seen_at, f.first_seen_at)
         FROM (SELECT * FROM servers WHERE name = ?) AS f WHERE servers.name = ?`,
    ).run(from, into);
    // MAX over '' leaves '' where neither had the fact: back to unknown.
    this.sql(
      `UPDATE servers SET dll_version_at = NULLIF(dll_version_at, ''), wsus_version_at = NULLIF(wsus_version_at, ''), last_affected_at = NULLIF(last_affected_at, '')
         WHERE name = ?`,
    ).run(into);
    this.sql(
      `INSERT INTO server_fact_sources (server, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id)
         SELECT ?, fact, value, recorded_at, user_id, channel_id, message_ts, thread_ts, permalink, diagnosis_id FROM server_fact_sources WHERE server = ? AND true
         ON CONFLICT (server, fact) DO UPDATE SET value = excluded.value, recorded_at = excluded.recorded_at, user_id = excluded.user_id,
           channel_id = excluded.channel_id, message_ts = excluded.message_ts, thread_ts = excluded.thread_ts, permalink = excluded.permalink,
           diagnosis_id = excluded.diagnosis_id
         WHERE excluded.recorded_at > server_fact_sources.recorded_at`,
    ).run(into, from);
    this.sql('DELETE FROM server_fact_sources WHERE server = ?').run(from);
    this.sql('UPDATE diagnoses SET server = ? WHERE server = ?').run(into, from);
    this.sql('UPDATE server_aliases SET name = ? WHERE name = ?').run(into, from);
    this.sql('DELETE FROM servers WHERE name = ?').run(from);
    // An admin said so: the merged row and its spellings are an admin's naming from now on.
    this.sql('UPDATE servers SET named_by_admin = 1 WHERE name = ?').run(into);
    const alias = this.sql('INSERT INTO server_aliases (alias, name) VALUES (?, ?) ON CONFLICT (alias) DO UPDATE SET name = excluded.name');
    for (const s of new Set([from, ...spellings])) if (s !== into) alias.run(s, into);
  }

  /** One failure on one server: a diagnosis of it now counts for `server`, as `affected` when the other side proved it. */
  joinFailure(diagnosisId: number, earlierId: number, server: string): void {
    // Only an admin joins two pastes (src/attribute.ts): the placement is an admin's.
    this.sql('UPDATE diagnoses SET server = ?, server_by_admin = 1 WHERE id IN (?, ?)').run(server, diagnosisId, earlierId);
    this.sql(
      `UPDATE diagnoses SET verdict = 'affected' WHERE id IN (?, ?) AND verdict = 'possible'
           AND EXISTS (SELECT 1 FROM diagnoses o WHERE o.id IN (?, ?) AND o.verdict = 'affected')`,
    ).run(diagnosisId, earlierId, diagnosisId, earlierId);
  }

  /**
   * Gives a diagnosis that named no server the server (row) its failure turned out to be on: that of `from`. The
   * caller decides whether `byAdmin` may (src/check.ts).
   */
  adoptServer(diagnosisId: number, from: number, byAdmin: boolean): void {
    this.sql('UPDATE diagnoses SET server = (SELECT server FROM diagnoses WHERE id = ?), server_by_admin = ? WHERE id = ? AND server IS NULL').run(
      from,
      byAdmin ? 1 : 0,
      diagnosisId,
    );
  }

  /**
   * The server a thread is about: the diagnosis of its root message, else the first answer in it that named one —
   * among those whose naming `trusts` accepts (an admin's, or the asker's own).
   * (Diagnoses from before thread_ts was kept are found by their message.)
   */
  threadServer(channelId: string, threadTs: string, trusts: (p: PlacedBy) => boolean = () => true): string | null {
    const rows = this.sql(
      `SELECT server, user_id, server_by_admin FROM diagnoses WHERE channel_id = ? AND (thread_ts = ? OR message_ts = ?) AND server IS NOT NULL
         ORDER BY (message_ts = ?) DESC, created_at, id LIMIT 50`,
    ).all(channelId, threadTs, threadTs, threadTs) as Row[];
    const row = rows.find((r) => trusts(placedBy(r)));
    return row ? String(row.server) : null;
  }

  /** The latest diagnosis in a thread that reported facts and named no server. */
  unattributedInThread(channelId: string, threadTs: string): Unattributed | null {
    const row = this.sql(
      `SELECT * FROM diagnoses WHERE channel_id = ? AND (thread_ts = ? OR message_ts = ?) AND server IS NULL AND reported IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT 1`,
    ).get(channelId, threadTs, threadTs) as Row | undefined;
    return row ? toUnattributed(row) : null;
  }

  diagnosisReport(diagnosisId: number): Unattributed | null {
    const row = this.sql('SELECT * FROM diagnoses WHERE id = ? AND reported IS NOT NULL').get(diagnosisId) as Row | undefined;
    return row ? toUnattributed(row) : null;
  }

  /** The bot's answer to a pasted message (its text, as first written or as last edited). */
  replyTo(channelId: string, messageTs: string): string | null {
    const row = this.sql("SELECT reply_ts FROM diagnoses WHERE origin = 'message' AND channel_id = ? AND message_ts = ? AND reply_ts IS NOT NULL").get(
      channelId,
      messageTs,
    ) as Row | undefined;
    return row ? String(row.reply_ts) : null;
  }

  /** Servers to offer as candidates, most recently seen first. */
  recentServers(limit: number): string[] {
    return (this.sql('SELECT name FROM servers ORDER BY last_seen_at DESC, name LIMIT ?').all(limit) as Row[]).map((r) => String(r.name));
  }

  /** The diagnosis now counts for `server`, as an admin said: its row says so and the server's state it left. */
  attribute(diagnosisId: number, server: string, serverState: string): void {
    this.sql('UPDATE diagnoses SET server = ?, server_state = ?, server_by_admin = 1 WHERE id = ?').run(server, serverState, diagnosisId);
  }
}

function placedBy(row: Row): PlacedBy {
  return { userId: str(row, 'user_id'), byAdmin: Number(row.server_by_admin ?? 1) !== 0 };
}

function toUnattributed(row: Row): Unattributed {
  return {
    id: Number(row.id),
    server: str(row, 'server'),
    reported: JSON.parse(String(row.reported)) as Omit<FactsLearned, 'affected'>,
    channelId: str(row, 'channel_id'),
    messageTs: str(row, 'message_ts'),
    threadTs: str(row, 'thread_ts'),
    replyTs: str(row, 'reply_ts'),
  };
}
