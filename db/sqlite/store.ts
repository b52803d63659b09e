import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Verdict } from '../../src/diagnose/diagnose.js';
import { resolveServerAs, type ServerDirectory, type ServerResolution } from '../../src/diagnose/server-name.js';
import type { ServerFacts } from '../../src/diagnose/server-state.js';
import { unexplainedCodes } from '../../src/diagnose/unexplained-codes.js';
import { AttributionStore } from './attribution-store.js';
import { MAX_STORED_FINDINGS, type DiagnosisRecord, type FactSource, type HistoryEntry, type Origin, type ServerFailure } from '../../src/store/port.js';
import { CheckpointThread } from './checkpoint-thread.js';
import { migrationFiles, newerSchema } from '../migrations.js';
import { diagnosisValues } from '../rows.js';

export { newerSchema };

/** The schema version the migrations beside this file bring a database to. */
export function knownSchemaVersion(dir: string = MIGRATIONS_DIR): number {
  const last = readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .at(-1);
  return last === undefined ? 0 : Number(last.slice(0, 3));
}

/** SQLite's store. Migrations are the NNN_name.sql files beside this one (copied into dist/db/sqlite). */
const MIGRATIONS_DIR = dirname(fileURLToPath(import.meta.url));

export interface StoreOptions {
  readonly readonly?: boolean;
  /** When migrations are recorded as applied (the only time the store itself needs). */
  readonly clock?: () => Date;
  /** Where the NNN_name.sql files are: beside this file, or (tests of the upgrade path) an earlier or a broken set. */
  readonly migrationsDir?: string;
}

type Row = Record<string, unknown>;

export class Store {
  readonly db: Database.Database;

  /**
   * Prepared once per SQL text and reused: the queue's insert runs on every Slack event before the ack, and preparing
   * costs more than running it.
   */
  private readonly statements = new Map<string, Database.Statement>();

  /** The statement for this SQL text, prepared once per connection (also for the stores that share it: inbox-store.ts). */
  statement(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) this.statements.set(text, (statement = this.db.prepare(text)));
    return statement;
  }

  /** Where checkpoint() runs once deferCheckpoints() was called on a file database. */
  private checkpointer: CheckpointThread | undefined;

  private constructor(
    db: Database.Database,
    private readonly path: string,
  ) {
    this.db = db;
  }

  /** Opens (creating the directory and file if needed), sets WAL, and applies pending migrations. */
  static open(path: string, options: StoreOptions = {}): Store {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { readonly: options.readonly ?? false });
    db.pragma('busy_timeout = 5000'); // two bot processes may share the file
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL'); // WAL + NORMAL is durable across process crashes
      // Deleted and overwritten content is zeroed, not left in free space: a pasted log scrubbed from the inbox
      // (InboxStore.finish()) or a purged diagnosis is really gone from the file.
      db.pragma('secure_delete = ON');
    }
    db.pragma('foreign_keys = ON');
    const store = new Store(db, path);
    if (!options.readonly) {
      try {
        store.migrate(options.clock ?? (() => new Date()), options.migrationsDir ?? MIGRATIONS_DIR);
      } catch (e) {
        db.close();
        throw e;
      }
    }
    return store;
  }

  close(): void {
    this.checkpointer?.close(); // first: the last connection to close removes the WAL
    this.checkpointer = undefined;
    if (this.db.open) this.db.close();
  }

  /**
   * Leaves WAL checkpoints to checkpoint() (the bot calls it between pieces of work), which then runs on a thread of
   * its own (checkpoint-thread.ts) for a database file. SQLite's automatic checkpoint runs inside whichever commit
   * crosses 1000 pages: in a burst of pastes, inside an insert Slack waits on for its ack.
   */
  deferCheckpoints(onError: (err: Error) => void = () => undefined): void {
    this.db.pragma('wal_autocheckpoint = 0');
    if (this.path !== ':memory:' && !this.checkpointer) this.checkpointer = new CheckpointThread(this.path, onError);
  }

  /**
   * Copies what the WAL holds into the database file, without waiting for readers (PASSIVE): on the checkpoint thread
   * after deferCheckpoints() (resolves when it has run), here otherwise.
   */
  checkpoint(): Promise<void> {
    if (this.checkpointer?.usable) return this.checkpointer.checkpoint();
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      return Promise.resolve();
    } catch (e) {
      return Promise.reject(e as Error);
    }
  }

  /**
   * Applies the pending NNN_*.sql files in order, all in one IMMEDIATE transaction: concurrent starters apply each
   * once, and a migration that fails leaves the database as it was (SQLite's DDL is transactional), not half upgraded.
   * A database from a newer version (a migration this one does not have) is refused: its tables may mean other things.
   */
  private migrate(clock: () => Date, dir: string): void {
    this.db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
    const { files, known } = migrationFiles(dir);
    const apply = this.db.transaction(() => {
      const current = this.schemaVersion();
      if (current > known) throw new Error(newerSchema(current, known));
      for (const file of files) {
        const version = Number(file.slice(0, 3));
        if (this.db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?').get(version)) continue;
        try {
          this.db.exec(readFileSync(join(dir, file), 'utf8'));
        } catch (e) {
          throw new Error(`migration ${file} failed, nothing was changed: ${(e as Error).message}`, { cause: e });
        }
        this.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(version, file, clock().toISOString());
      }
    });
    apply.immediate();
  }

  schemaVersion(): number {
    const row = this.statement('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
    return row.v ?? 0;
  }

  // ── servers ──────────────────────────────────────────────────────────────────────────────────────

  /** Every known name and alias → its server's row name, split by whose naming it is. */
  private serverDirectory(): ServerDirectory {
    const names = this.statement('SELECT name AS alias, name, named_by_admin FROM servers UNION ALL SELECT alias, name, 1 FROM server_aliases').all() as {
      alias: string;
      name: string;
      named_by_admin: number;
    }[];
    const trusted = new Map<string, string>();
    const unvouched = new Set<string>();
    for (const r of names) {
      if (r.named_by_admin) trusted.set(r.alias, r.name);
      else unvouched.add(r.name);
    }
    return { trusted, unvouched };
  }

  /**
   * Which server a typed or logged name means: one known row, a new one, or several it could be (never guessed).
   * `byAdmin` false: as a non-admin's naming is filed (src/diagnose/server-name.ts resolveServerAs).
   */
  resolveServer(name: string, byAdmin = true): ServerResolution {
    return resolveServerAs(name, this.serverDirectory(), byAdmin);
  }

  /**
   * The row a name is recorded under (created if new). An admin's newly seen spelling of a known server is kept as its
   * alias, and a row only non-admins had named becomes an admin's; a non-admin's naming changes neither.
   */
  serverRowFor(name: string, at: string, byAdmin = true): string {
    const r = this.resolveServer(name, byAdmin);
    const row = r.kind === 'known' ? r.name : r.kind === 'invalid' ? name : r.name;
    this.touchServer(row, at, byAdmin);
    if (byAdmin && r.kind === 'known' && r.alias) this.statement('INSERT OR IGNORE INTO server_aliases (alias, name) VALUES (?, ?)').run(r.alias, row);
    return row;
  }

  /** What is known of the server a name means (short name, FQDN, URL, alias); null when none or ambiguous. */
  server(name: string, byAdmin = true): ServerFacts | null {
    const r = this.resolveServer(name, byAdmin);
    if (r.kind !== 'known') return null;
    const row = this.statement('SELECT * FROM servers WHERE name = ?').get(r.name) as Row | undefined;
    return row ? toFacts(row) : null;
  }

  /** The spellings a server is also known by. */
  aliasesOf(name: string): string[] {
    return (this.statement('SELECT alias FROM server_aliases WHERE name = ? ORDER BY alias').all(name) as { alias: string }[]).map((r) => r.alias);
  }

  /** Every server known, by name: the fleet. */
  servers(): ServerFacts[] {
    return (this.statement('SELECT * FROM servers ORDER BY name').all() as Row[]).map(toFacts);
  }

  /** A fact an admin typed (`server NAME dll|wsus VERSION`), with who typed it where. */
  recordServerVersion(name: string, kind: 'dll' | 'wsus', version: string, at: string, source: FactSource = {}): ServerFacts {
    const row = this.db
      .transaction(() => {
        const row = this.serverRowFor(name, at);
        new AttributionStore(this).applyFacts(row, { affected: false, ...(kind === 'dll' ? { dllVersion: version } : { wsusVersion: version }) }, at, source);
        return row;
      })
      .immediate();
    return this.server(row)!;
  }

  private touchServer(name: string, at: string, byAdmin: boolean): void {
    this.statement(
      `INSERT INTO servers (name, first_seen_at, last_seen_at, named_by_admin) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET last_seen_at = excluded.last_seen_at, named_by_admin = MAX(named_by_admin, excluded.named_by_admin)`,
    ).run(name, at, at, byAdmin ? 1 : 0);
  }

  // ── diagnoses ────────────────────────────────────────────────────────────────────────────────────

  /** Records a diagnosis, its findings and what it taught about its server: all or nothing. Returns its id. */
  recordDiagnosis(r: DiagnosisRecord): number {
    const d = r.diagnosis;
    return this.db
      .transaction(() => {
        // The diagnosis is filed under its server's one row, whichever spelling the log used.
        const byAdmin = r.byAdmin ?? true;
        const server = d.server ? this.serverRowFor(d.server, r.at, byAdmin) : null;
        const info = this.statement(
          `INSERT OR IGNORE INTO diagnoses (created_at, origin, server, verdict, server_state, lang, lines, source_name, team_id, channel_id, message_ts, thread_ts, user_id, reported, server_by_admin, failed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        ).run(...diagnosisValues(r, server, byAdmin ? 1 : 0));
        if (info.changes === 0) {
          // This Slack message (or file) was diagnosed before: a resumed or repeated delivery. Keep the first.
          const existing = this.statement(
            `SELECT id FROM diagnoses WHERE origin = ? AND channel_id IS ? AND message_ts = ? AND COALESCE(source_name, '') = ?`,
          ).get(r.origin, r.channelId ?? null, r.messageTs ?? null, r.sourceName ?? '') as { id: number };
          return existing.id;
        }
        const id = Number(info.lastInsertRowid);
        const attribution = new AttributionStore(this);
        if (server)
          attribution.applyFacts(
            server,
            d.learned,
            r.at,
            { userId: r.userId, channelId: r.channelId, messageTs: r.messageTs, threadTs: r.threadTs, diagnosisId: id },
            d.failedAt,
          );
        attribution.recordFaultIds(id, r.faultIds ?? []);
        const insert = this.statement('INSERT INTO findings (diagnosis_id, rule, line, text, fields) VALUES (?, ?, ?, ?, ?)');
        // Evidence first, so that what the verdict rests on survives the cap.
        const evidence = new Set(d.evidence);
        const ordered = [...d.evidence, ...d.findings.filter((f) => !evidence.has(f))].slice(0, MAX_STORED_FINDINGS);
        for (const f of ordered) insert.run(id, f.rule, f.line, f.text, JSON.stringify(f.fields));
        const problem = this.statement('INSERT OR IGNORE INTO diagnosis_problems (diagnosis_id, problem) VALUES (?, ?)');
        for (const p of d.problems) problem.run(id, p.id);
        const code = this.statement('INSERT OR IGNORE INTO diagnosis_codes (diagnosis_id, code) VALUES (?, ?)');
        for (const c of unexplainedCodes(d)) code.run(id, c);
        return id;
      })
      .immediate();
  }

  /**
   * A Slack message was deleted, or edited so that it no longer holds the log: its diagnoses no longer count. They go
   * (with their findings, problems, codes and fault IDs), and a server whose last KB954960 failure was one of them
   * gets its last failure back from what remains on record. `origins` narrows which of the message's diagnoses go
   * (an edited caption retracts the text's, not the file's). Returns how many went.
   */
  retractMessage(channelId: string, messageTs: string, origins: readonly Origin[] = ['message', 'file']): number {
    return this.db
      .transaction(() => {
        const inOrigins = origins.map(() => '?').join(', ');
        const gone = this.statement(`SELECT id, server, created_at FROM diagnoses WHERE channel_id = ? AND message_ts = ? AND origin IN (${inOrigins})`).all(
          channelId,
          messageTs,
          ...origins,
        ) as Row[];
        if (gone.length === 0) return 0;
        this.statement(`DELETE FROM diagnoses WHERE channel_id = ? AND message_ts = ? AND origin IN (${inOrigins})`).run(channelId, messageTs, ...origins);
        for (const server of new Set(gone.map((r) => r.server).filter((v): v is string => typeof v === 'string'))) {
          const names = this.spellingsOf(server);
          // The last failure is the newest that is still on record, by its own time (event time, as when it was recorded).
          this.statement(
            `UPDATE servers SET last_affected_at =
               (SELECT MAX(COALESCE(failed_at, created_at)) FROM diagnoses WHERE verdict = 'affected' AND server IN (${names.map(() => '?').join(', ')}))
             WHERE name = ?`,
          ).run(...names, server);
          // A server known only through what was retracted is not known at all: no row left to show in the fleet.
          this.statement(
            `DELETE FROM servers WHERE name = ? AND dll_version IS NULL AND wsus_version IS NULL AND fix_event_at IS NULL AND last_affected_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM diagnoses WHERE server IN (${names.map(() => '?').join(', ')}))
               AND NOT EXISTS (SELECT 1 FROM server_fact_sources WHERE server = ?)`,
          ).run(server, ...names, server);
        }
        return gone.length;
      })
      .immediate();
  }

  /** Recent diagnoses, newest first. */
  history(options: { server?: string | null; limit?: number } = {}): HistoryEntry[] {
    const limit = Math.max(1, Math.min(options.limit ?? 20, 1000));
    // A server's entries under any of its spellings (rows recorded before aliases existed included).
    const names = options.server ? this.spellingsOf(options.server) : [];
    const where = options.server ? `WHERE d.server IN (${names.map(() => '?').join(', ')})` : '';
    const params: unknown[] = [...names, limit];
    const rows = this.statement(
      `SELECT d.*, (SELECT COUNT(*) FROM findings f WHERE f.diagnosis_id = d.id) AS finding_count,
                (SELECT group_concat(p.problem, ' ') FROM diagnosis_problems p WHERE p.diagnosis_id = d.id) AS problem_ids,
                (SELECT group_concat(c.code, ' ') FROM diagnosis_codes c WHERE c.diagnosis_id = d.id) AS codes
         FROM diagnoses d ${where} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
    ).all(...params) as Row[];
    return rows.map(toHistoryEntry);
  }

  /**
   * The failures a server has shown besides KB954960, from its diagnoses still on record: each known problem and each
   * failure code nothing explains, in how many logs, first and last seen. Most recent first.
   */
  failuresOf(name: string): ServerFailure[] {
    const names = this.spellingsOf(name);
    const inNames = names.map(() => '?').join(', ');
    const rows = this.statement(
      `SELECT 'problem' AS kind, p.problem AS id, COUNT(*) AS logs, MIN(d.created_at) AS since, MAX(d.created_at) AS last
           FROM diagnosis_problems p JOIN diagnoses d ON d.id = p.diagnosis_id WHERE d.server IN (${inNames}) GROUP BY p.problem
         UNION ALL
         SELECT 'code' AS kind, c.code AS id, COUNT(*) AS logs, MIN(d.created_at) AS since, MAX(d.created_at) AS last
           FROM diagnosis_codes c JOIN diagnoses d ON d.id = c.diagnosis_id WHERE d.server IN (${inNames}) GROUP BY c.code
         ORDER BY last DESC, kind DESC, id`,
    ).all(...names, ...names) as Row[];
    return rows.map((r) => ({
      kind: String(r.kind) as ServerFailure['kind'],
      id: String(r.id),
      logs: Number(r.logs),
      since: String(r.since),
      last: String(r.last),
    }));
  }

  private spellingsOf(name: string): string[] {
    const r = this.resolveServer(name);
    if (r.kind !== 'known') return [r.kind === 'invalid' ? name : r.name];
    return [r.name, ...this.aliasesOf(r.name)];
  }

  findingsOf(diagnosisId: number): { rule: string; line: number; text: string; fields: Record<string, string> }[] {
    return (this.statement('SELECT rule, line, text, fields FROM findings WHERE diagnosis_id = ? ORDER BY line, rowid').all(diagnosisId) as Row[]).map((r) => ({
      rule: String(r.rule),
      line: Number(r.line),
      text: String(r.text),
      fields: JSON.parse(String(r.fields)) as Record<string, string>,
    }));
  }

  /**
   * The first `count` findings of a diagnosis as they were recorded: its evidence, which recordDiagnosis writes first
   * (a reply's "Show N more lines" button carries the count). In line order.
   */
  evidenceOf(diagnosisId: number, count: number): { rule: string; line: number; text: string }[] {
    const rows = this.statement(
      'SELECT rule, line, text FROM (SELECT rowid, rule, line, text FROM findings WHERE diagnosis_id = ? ORDER BY rowid LIMIT ?) ORDER BY line, rowid',
    ).all(diagnosisId, Math.max(0, Math.min(count, MAX_STORED_FINDINGS))) as Row[];
    return rows.map((r) => ({ rule: String(r.rule), line: Number(r.line), text: String(r.text) }));
  }

  diagnosisCount(): number {
    return (this.statement('SELECT COUNT(*) AS n FROM diagnoses').get() as { n: number }).n;
  }

  /** Deletes diagnoses (and their findings) older than `before`; returns how many. */
  purgeDiagnosesBefore(before: string): number {
    return this.statement('DELETE FROM diagnoses WHERE created_at < ?').run(before).changes;
  }

  integrityCheck(): string {
    return String(this.db.pragma('integrity_check', { simple: true }));
  }
}

function toFacts(row: Row): ServerFacts {
  const s = (k: string) => (row[k] == null ? null : String(row[k]));
  return {
    name: String(row.name),
    dllVersion: s('dll_version'),
    dllVersionAt: s('dll_version_at'),
    wsusVersion: s('wsus_version'),
    wsusVersionAt: s('wsus_version_at'),
    fixEventAt: s('fix_event_at'),
    lastAffectedAt: s('last_affected_at'),
  };
}

function toHistoryEntry(row: Row): HistoryEntry {
  const s = (k: string) => (row[k] == null ? null : String(row[k]));
  return {
    id: Number(row.id),
    createdAt: String(row.created_at),
    origin: String(row.origin) as Origin,
    server: s('server'),
    verdict: String(row.verdict) as Verdict,
    serverState: String(row.server_state),
    lines: Number(row.lines),
    sourceName: s('source_name'),
    channelId: s('channel_id'),
    messageTs: s('message_ts'),
    replyTs: s('reply_ts'),
    userId: s('user_id'),
    findings: Number(row.finding_count ?? 0),
    problems: row.problem_ids ? String(row.problem_ids).split(' ').sort() : [],
    codes: row.codes ? String(row.codes).split(' ').sort() : [],
  };
}
