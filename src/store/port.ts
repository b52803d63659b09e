/**
 * The storage port: every question the app asks of its data, async, with its row types. Built once at start
 * (src/open-storage.ts) and passed in; an engine (db/sqlite/, db/postgres/) implements it, and only an engine
 * knows a driver or speaks SQL. Grouped by concern, one group per kind of data, so that a caller names what it touches
 * (`storage.inbox.accept`) and an engine can keep each concern's SQL in a file of its own.
 *
 * A write that must be all or nothing is ONE method here (recordDiagnosis with what it settles, sameServer,
 * recordFor, recordVersion, claimPost): each engine makes it atomic its own way. A transaction spanning awaits in a
 * caller would interleave with other work on a shared connection, so callers never hold one.
 */
import type { Diagnosis, FactsLearned, Verdict } from '../diagnose/diagnose.js';
import type { FaultId } from '../diagnose/fault-ids.js';
import type { AlertMemory } from '../fleet/alerts.js';
import type { ClientHealth } from '../fleet/health.js';
import type { ServerResolution } from '../diagnose/server-name.js';
import type { ServerFacts } from '../diagnose/server-state.js';
import type { Lang } from '../lang.js';
import type { DetectionEntry, OtherProblemCount } from '../fleet/status.js';

export type { FaultId, ServerFacts, ServerResolution };

// ── rows ────────────────────────────────────────────────────────────────────────────────────────────

/** report: a WSUS server's own report (POST /ingest/v1/reports, `kb954960 ingest`). */
export type Origin = 'cli' | 'message' | 'file' | 'command' | 'modal' | 'shortcut' | 'report';

/** Findings stored per diagnosis: the matched lines only, enough to show the evidence again. */
export const MAX_STORED_FINDINGS = 200;

export interface DiagnosisRecord {
  readonly diagnosis: Diagnosis;
  readonly origin: Origin;
  readonly at: string;
  readonly sourceName?: string | null;
  readonly teamId?: string | null;
  readonly channelId?: string | null;
  readonly messageTs?: string | null;
  /** The thread the answer goes to (Slack): later output pasted there is about this diagnosis's server. */
  readonly threadTs?: string | null;
  readonly userId?: string | null;
  /** The server facts the input reported, recorded or not (what a later "Record for …" records). */
  readonly reported?: Omit<FactsLearned, 'affected'> | null;
  /** The input is an admin's (or the CLI operator's): its names may shape identities. Default true. */
  readonly byAdmin?: boolean;
  /** The failures this input shows, by fault ID (joined with other diagnoses of the same failure). */
  readonly faultIds?: readonly FaultId[];
}

/** What recording a diagnosis settles about an earlier diagnosis of the same failure, in the same transaction. */
export interface SameFailure {
  /** The earlier diagnosis (it named no server) takes this one's server; `byAdmin`: whose placement that is. */
  readonly adopt?: { readonly earlierId: number; readonly byAdmin: boolean };
  /** The earlier partial paste (`possible`) is proved by this one's signature: `affected` now. */
  readonly confirm?: number;
}

export interface HistoryEntry {
  readonly id: number;
  readonly createdAt: string;
  readonly origin: Origin;
  readonly server: string | null;
  readonly verdict: Verdict;
  readonly serverState: string;
  readonly lines: number;
  readonly sourceName: string | null;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly replyTs: string | null;
  readonly userId: string | null;
  readonly findings: number;
  /** The known problems other than KB954960 the diagnosis found (problem pack ids; empty where not read). */
  readonly problems: readonly string[];
  /** The failure codes no known problem explains (empty where not read). */
  readonly codes: readonly string[];
}

/** A failure other than KB954960 a server has shown: a known problem (its pack id) or a code no problem explains. */
export interface ServerFailure {
  readonly kind: 'problem' | 'code';
  readonly id: string;
  /** In how many diagnoses (logs) it was seen. */
  readonly logs: number;
  readonly since: string;
  readonly last: string;
}

export interface StoredFinding {
  readonly rule: string;
  readonly line: number;
  readonly text: string;
}

export type FactKind = 'dll' | 'wsus' | 'fix-event';

/** Where a fact came from: the requester and the Slack message (none of it for the CLI). */
export interface FactSource {
  readonly userId?: string | null;
  readonly channelId?: string | null;
  readonly messageTs?: string | null;
  readonly threadTs?: string | null;
  readonly diagnosisId?: number | null;
  readonly permalink?: string | null;
}

/** The latest source of one recorded fact of a server. */
export interface FactProof extends FactSource {
  readonly fact: FactKind;
  readonly value: string | null;
  readonly recordedAt: string;
}

/** Who a diagnosis's server came from: the one who pasted it, and whether an admin named its server. */
export interface PlacedBy {
  readonly userId: string | null;
  readonly byAdmin: boolean;
}

/** An earlier diagnosis of the same failure. */
export interface LinkedDiagnosis {
  readonly id: number;
  readonly server: string | null;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly replyTs: string | null;
  readonly faultId: string;
  /** Whose naming placed it. */
  readonly placedBy: PlacedBy;
  /** Its verdict: `affected` when it holds the signature, the proof a partial paste of the same failure lacks. */
  readonly verdict: string;
}

/** A diagnosis that reported facts but named no server: waiting for someone to say which. */
export interface Unattributed {
  readonly id: number;
  /** Null until someone says which server (a diagnosis by id may have one already). */
  readonly server: string | null;
  readonly reported: Omit<FactsLearned, 'affected'>;
  readonly channelId: string | null;
  readonly messageTs: string | null;
  readonly threadTs: string | null;
  readonly replyTs: string | null;
}

/**
 * What the store knows that bears on one input, read in one go before it is diagnosed (src/check.ts): the earliest
 * diagnosis sharing one of its fault IDs, and each asked-for name's resolution and facts (plus the shared
 * diagnosis's server's facts).
 */
export interface CheckContext {
  readonly shared: LinkedDiagnosis | null;
  readonly resolved: ReadonlyMap<string, ServerResolution>;
  readonly facts: ReadonlyMap<string, ServerFacts | null>;
}

/**
 * message, file: a message's text and files (also via the shortcut); command: a slash command; view: a modal
 * submission; retract: a deleted message, whose diagnosis and answer go.
 */
export type InboxKind = 'message' | 'file' | 'command' | 'view' | 'retract';
export type InboxOutcome = 'replied' | 'silent' | 'refused' | 'failed';

export interface InboxItem {
  readonly key: string;
  readonly eventId: string | null;
  readonly kind: InboxKind;
  readonly payload: unknown;
  readonly receivedAt: string;
  readonly takenBy: string | null;
  readonly attempts: number;
  readonly doneAt: string | null;
  readonly outcome: InboxOutcome | null;
  readonly replyTs: string | null;
  readonly diagnosisId: number | null;
}

export interface Subscription {
  readonly channelId: string;
  readonly teamId: string | null;
  /** HH:MM, local to timeZone. */
  readonly postTime: string;
  /** IANA time zone. */
  readonly timeZone: string;
  readonly lang: Lang;
  readonly createdBy: string | null;
  readonly createdAt: string;
}

export interface StatusPostRow {
  readonly channelId: string;
  readonly localDate: string;
  readonly claimedAt: string;
  readonly claimedBy: string;
  readonly attempts: number;
  readonly postedTs: string | null;
  readonly postedAt: string | null;
  readonly postStartedAt: string | null;
  readonly lastError: string | null;
}

/** A claim held by one process: the (claimed_by, claimed_at) pair is its token; every later write checks it. */
export interface Claim {
  readonly channelId: string;
  readonly localDate: string;
  readonly claimedBy: string;
  claimedAt: string;
  readonly attempts: number;
  /** A previous holder reached chat.postMessage without recording a ts: look in the channel before posting. */
  readonly mustVerify: boolean;
}

export type ClaimResult =
  | { readonly kind: 'claimed'; readonly claim: Claim }
  | { readonly kind: 'posted'; readonly ts: string }
  | { readonly kind: 'busy'; readonly claimedBy: string; readonly claimedAt: string }
  | { readonly kind: 'exhausted'; readonly attempts: number };

// ── the port ────────────────────────────────────────────────────────────────────────────────────────

/** Servers and their facts: one identity per server (names, aliases), its dated facts and their proofs. */
export interface ServersPort {
  /** Which server a name means: one known row, a new one, or several it could be (never guessed). */
  resolve(name: string, byAdmin?: boolean): Promise<ServerResolution>;
  /** What is known of the server a name means; null when none or ambiguous. */
  facts(name: string, byAdmin?: boolean): Promise<ServerFacts | null>;
  /** Every known server, by name: the fleet. */
  list(): Promise<ServerFacts[]>;
  /** The spellings a server is also known by. */
  aliasesOf(name: string): Promise<string[]>;
  /** The latest source of each recorded fact of a server. */
  proofsOf(name: string): Promise<FactProof[]>;
  /** The failures a server has shown besides KB954960, from its diagnoses still on record. */
  failuresOf(name: string): Promise<ServerFailure[]>;
  /** Servers to offer as candidates, most recently seen first. */
  recent(limit: number): Promise<string[]>;
  /** A fact an admin typed (`server NAME dll|wsus VERSION`), with who typed it where: all or nothing. */
  recordVersion(name: string, kind: 'dll' | 'wsus', version: string, at: string, source?: FactSource): Promise<ServerFacts>;
}

/** Diagnoses: recorded, listed, retracted, purged. */
export interface HistoryPort {
  /** The server facts, the shared failure and the names an input needs before it is diagnosed, in one read. */
  checkContext(q: { faultIds: readonly FaultId[]; names: readonly string[]; byAdmin: boolean }): Promise<CheckContext>;
  /**
   * Records a diagnosis, its findings, what it taught about its server and what it settles about an earlier diagnosis
   * of the same failure: all or nothing. A repeated Slack delivery returns the first one's id.
   */
  record(r: DiagnosisRecord, same?: SameFailure): Promise<number>;
  /** A Slack message's diagnoses no longer count (deleted, or edited away): returns how many went. */
  retractMessage(channelId: string, messageTs: string, origins?: readonly Origin[]): Promise<number>;
  /** Recent diagnoses, newest first (a server's under any of its spellings). */
  list(options?: { server?: string | null; limit?: number }): Promise<HistoryEntry[]>;
  findingsOf(diagnosisId: number): Promise<{ rule: string; line: number; text: string; fields: Record<string, string> }[]>;
  /** The first `count` findings of a diagnosis as recorded (its evidence first), in line order. */
  evidenceOf(diagnosisId: number, count: number): Promise<StoredFinding[]>;
  count(): Promise<number>;
  /** Deletes diagnoses (and their findings) older than `before`; returns how many. */
  purgeBefore(before: string): Promise<number>;
}

/** Which server a paste is about, when the paste does not say: threads, fault IDs, an admin's word. */
export interface AttributionPort {
  /** The server a thread is about, among placements `trusts` accepts. */
  threadServer(channelId: string, threadTs: string, trusts?: (p: PlacedBy) => boolean): Promise<string | null>;
  /** The latest diagnosis in a thread that reported facts and named no server. */
  unattributedInThread(channelId: string, threadTs: string): Promise<Unattributed | null>;
  diagnosisReport(diagnosisId: number): Promise<Unattributed | null>;
  /** The bot's answer to a pasted message, as its diagnosis kept it (null before the answer went out). */
  replyTo(channelId: string, messageTs: string): Promise<string | null>;
  /** The link to the thread a diagnosis was answered in, once Slack gave it. */
  setPermalink(diagnosisId: number, permalink: string): Promise<void>;
  /**
   * An admin said `alias` and `into` are one server, and the two diagnoses one failure on it: the alias's row merges
   * into `into`'s, and both diagnoses count for it. All or nothing.
   */
  sameServer(o: {
    diagnosisId: number;
    earlierId: number;
    alias: string;
    into: string;
    at: string;
  }): Promise<{ readonly kind: 'joined'; readonly server: string } | { readonly kind: 'unclear'; readonly candidates: readonly string[] }>;
  /** The facts a diagnosis reported are recorded for `server` (an admin said which), and it counts for it. All or nothing. */
  recordFor(o: { report: Unattributed; server: string; at: string; by?: string | null }): Promise<{ server: string; facts: ServerFacts | null }>;
}

/** The durable Slack work queue: written before the ack, taken by one process at a time, finished with its answer. */
export interface InboxPort {
  /** Records work Slack delivered; false when the key is already there (a redelivery or a duplicate). */
  accept(item: { key: string; eventId?: string | null; kind: InboxKind; payload: unknown; at: string }): Promise<boolean>;
  /** Takes an unfinished item for this process unless a live holder's lease still runs; null otherwise. */
  take(key: string, by: string, at: string, leaseExpiredBefore: string, isDead: (holder: string) => boolean): Promise<InboxItem | null>;
  /** Unfinished items, oldest first (what a restart must resume). */
  pending(limit?: number): Promise<InboxItem[]>;
  finish(key: string, outcome: InboxOutcome, at: string, replyTs?: string | null, diagnosisId?: number | null): Promise<void>;
  /** Keeps an item's answer, once worked out, with the item: a later attempt only delivers it. */
  keepAnswer(key: string, answer: unknown, diagnosisId: number | null): Promise<void>;
  /**
   * Keeps this holder's lease on an item it is still working on (false: no longer its own). `at` may lie ahead: a
   * retry's time, so that the claim is kept through the backoff and its lease runs from then.
   */
  renew(key: string, by: string, at: string): Promise<boolean>;
  /** Lets another attempt happen later. */
  release(key: string): Promise<void>;
  item(key: string): Promise<InboxItem | null>;
  /** Deletes finished items received before `before`. */
  purgeDoneBefore(before: string): Promise<number>;
  /** The server and verdict of each diagnosis answered in a thread, but for the work item `exceptKey`. */
  answeredInThread(channelId: string, threadTs: string, exceptKey: string): Promise<{ server: string | null; verdict: Verdict; serverState: string }[]>;
}

/** The daily post: subscriptions, the exactly-once claim per (channel, local date), and the fleet's queries. */
export interface StatusPort {
  upsertSubscription(s: {
    channelId: string;
    teamId?: string | null;
    postTime: string;
    timeZone: string;
    lang: Lang;
    createdBy?: string | null;
    at: string;
  }): Promise<{
    subscription: Subscription;
    created: boolean;
  }>;
  deleteSubscription(channelId: string): Promise<boolean>;
  subscription(channelId: string): Promise<Subscription | null>;
  subscriptions(): Promise<Subscription[]>;
  claimPost(o: { channelId: string; localDate: string; now: string; instanceId: string; leaseMs: number; maxAttempts: number }): Promise<ClaimResult>;
  /** Renews the lease and notes a post may be under way; false when the claim is no longer ours (then: do not post). */
  markPostStarted(claim: Claim, at: string): Promise<boolean>;
  renewClaim(claim: Claim, at: string): Promise<boolean>;
  recordPosted(channelId: string, localDate: string, ts: string, at: string): Promise<boolean>;
  releaseClaim(claim: Claim, failure: { error: string; posted: 'no' | 'unknown' }): Promise<void>;
  statusPost(channelId: string, localDate: string): Promise<StatusPostRow | null>;
  statusPosts(channelId?: string): Promise<StatusPostRow[]>;
  purgeStatusPostsBefore(localDate: string): Promise<number>;
  firstAffectedAfter(servers: readonly { name: string; after: string | null }[]): Promise<Map<string, string>>;
  newDetectionsSince(since: string, limit: number): Promise<{ entries: DetectionEntry[]; total: number; groups: number }>;
  lastHeardOf(): Promise<Map<string, string>>;
  otherProblemsPerServerSince(since: string): Promise<OtherProblemCount[]>;
}

/** The language each Slack user chose to be answered in. */
export interface ReadersPort {
  chosenLang(userId: string): Promise<Lang | null>;
  /** Their choice, else the workspace default (BOT_LANG). */
  langFor(userId: string | undefined, fallback: Lang): Promise<Lang>;
  choose(userId: string, lang: Lang, at: string): Promise<void>;
}

/** A reporting server's latest client health, with when its last report came. */
export interface ReportingServer {
  readonly server: string;
  /** When its latest report was received (null: enrolled, never reported). */
  readonly lastReportAt: string | null;
  readonly health: ClientHealth | null;
  /** Its key was revoked: it is no longer expected to report. */
  readonly revoked: boolean;
}

/** Fleet reports: each server's reporting key, the reports received (once each), client health, alert memory. */
export interface FleetPort {
  /** A new key for a server, replacing any older one (revoked or not). */
  enroll(server: string, key: string, at: string): Promise<void>;
  /** Ends a server's key; false when it had none in force. */
  revoke(server: string, at: string): Promise<boolean>;
  /** The key in force for a server; null when none or revoked. */
  keyOf(server: string): Promise<string | null>;
  /** Whether a report id was already recorded. */
  seen(id: string): Promise<boolean>;
  /**
   * Records an accepted report: its id (once) and, when it listed clients, the server's client health. All or nothing.
   * False when the id was there already — the same report taken in twice at once (a retry reaching another replica
   * while the first is still at work) — and then the diagnosis this taking recorded of its log (`diagnosisId`) is
   * withdrawn in the same transaction: one report, one diagnosis.
   */
  recordReport(r: {
    id: string;
    server: string;
    generated: string;
    receivedAt: string;
    diagnosisId: number | null;
    health: ClientHealth | null;
  }): Promise<boolean>;
  /** Every server enrolled or reported for, with its latest report and client health, by name. */
  reporting(): Promise<ReportingServer[]>;
  /** One server's (null when it never enrolled nor reported). */
  reportingOf(server: string): Promise<ReportingServer | null>;
  alertMemory(server: string): Promise<AlertMemory | null>;
  /**
   * Replaces a server's alert memory only if it is still `previous` (null: none yet): the claim that makes one change
   * one post, whichever process saw it first. false: another got there first (then: do not post).
   */
  swapAlertMemory(server: string, previous: AlertMemory | null, next: AlertMemory, at: string): Promise<boolean>;
  /** The thread of the alert a channel was last posted about a server (null: none open). */
  alertThread(server: string, channelId: string): Promise<string | null>;
  /** Opens (ts) or closes (null: the server is all clear) a channel's alert thread for a server. */
  setAlertThread(server: string, channelId: string, ts: string | null, at: string): Promise<void>;
}

export interface Storage {
  /** Which engine answers (logs, health). */
  readonly engine: 'sqlite' | 'postgres';
  readonly servers: ServersPort;
  readonly history: HistoryPort;
  readonly attribution: AttributionPort;
  readonly inbox: InboxPort;
  readonly status: StatusPort;
  readonly readers: ReadersPort;
  readonly fleet: FleetPort;
  /**
   * The engine's own upkeep is left to `housekeeping()`, called between pieces of work, instead of running inside a
   * write a caller waits on (SQLite: WAL checkpoints, on a thread of their own). Failures go to `onError`.
   */
  deferHousekeeping(onError: (err: Error) => void): void;
  housekeeping(): Promise<void>;
  /**
   * Runs `fn` unless the job `name` (a sweep: retention, the status sweep) is already running — on any replica sharing
   * the database (PostgreSQL: a session advisory lock, held for the run and dropped by the server if the replica dies)
   * or in this process (SQLite, where one process per file is the norm). Returns false, without running it, when the
   * job was busy elsewhere: the next tick tries again.
   */
  withExclusive(name: string, fn: () => Promise<void>): Promise<boolean>;
  /** Whether the database answers (/healthz). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
