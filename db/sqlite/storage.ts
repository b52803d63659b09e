import { serverState } from '../../src/diagnose/server-state.js';
import type {
  AttributionPort,
  CheckContext,
  FleetPort,
  HistoryPort,
  InboxPort,
  ReadersPort,
  ServerFacts,
  ServerResolution,
  ServersPort,
  StatusPort,
  Storage,
} from '../../src/store/port.js';
import { AttributionStore } from './attribution-store.js';
import { FleetStore } from './fleet-store.js';
import { InboxStore } from './inbox-store.js';
import { ReaderLangStore } from './reader-lang-store.js';
import { StatusStore } from './status-store.js';
import { Store, type StoreOptions } from './store.js';

/**
 * The SQLite engine behind the storage port: one better-sqlite3 connection (WAL), synchronous underneath. Each port
 * method runs its statements to the end before it returns its promise, so a multi-statement write is one SQLite
 * transaction that no other work can interleave with.
 */
export class SqliteStorage implements Storage {
  readonly engine = 'sqlite' as const;
  readonly servers: ServersPort;
  readonly history: HistoryPort;
  readonly attribution: AttributionPort;
  readonly inbox: InboxPort;
  readonly status: StatusPort;
  readonly readers: ReadersPort;
  readonly fleet: FleetPort;
  /** Jobs under withExclusive now. */
  private readonly running = new Set<string>();

  /**
   * The synchronous store underneath: for this engine's own code and the tests that set up or inspect a database
   * file directly. Product code outside db/ never sees it.
   */
  readonly raw: Store;

  constructor(raw: Store) {
    this.raw = raw;
    const store = raw;
    const attribution = new AttributionStore(store);
    const inbox = new InboxStore(store);
    const status = new StatusStore(store);
    const readers = new ReaderLangStore(store);
    const fleet = new FleetStore(store);
    this.fleet = {
      enroll: async (server, key, at) => fleet.enroll(server, key, at),
      revoke: async (server, at) => fleet.revoke(server, at),
      keyOf: async (server) => fleet.keyOf(server),
      seen: async (id) => fleet.seen(id),
      recordReport: async (r) => fleet.recordReport(r),
      reporting: async () => fleet.reporting(),
      reportingOf: async (server) => fleet.reporting(server)[0] ?? null,
      alertMemory: async (server) => fleet.alertMemory(server),
      swapAlertMemory: async (server, previous, next, at) => fleet.swapAlertMemory(server, previous, next, at),
      alertThread: async (server, channelId) => fleet.alertThread(server, channelId),
      setAlertThread: async (server, channelId, ts, at) => fleet.setAlertThread(server, channelId, ts, at),
    };

    this.servers = {
      resolve: async (name, byAdmin) => store.resolveServer(name, byAdmin),
      facts: async (name, byAdmin) => store.server(name, byAdmin),
      list: async () => store.servers(),
      aliasesOf: async (name) => store.aliasesOf(name),
      proofsOf: async (name) => attribution.proofsOf(name),
      failuresOf: async (name) => store.failuresOf(name),
      recent: async (limit) => attribution.recentServers(limit),
      recordVersion: async (name, kind, version, at, source) => store.recordServerVersion(name, kind, version, at, source),
    };

    this.history = {
      checkContext: async (q): Promise<CheckContext> => {
        const shared = attribution.sharingFault(q.faultIds);
        const resolved = new Map<string, ServerResolution>();
        const facts = new Map<string, ServerFacts | null>();
        for (const name of q.names) resolved.set(name, store.resolveServer(name, q.byAdmin));
        for (const name of new Set([...q.names, ...(shared?.server ? [shared.server] : [])])) facts.set(name, store.server(name, q.byAdmin));
        return { shared, resolved, facts };
      },
      record: async (r, same) =>
        store.db
          .transaction(() => {
            const id = store.recordDiagnosis(r);
            if (same?.adopt) attribution.adoptServer(same.adopt.earlierId, id, same.adopt.byAdmin);
            if (same?.confirm !== undefined) attribution.confirmFailure(same.confirm);
            return id;
            // IMMEDIATE: it reads (the server directory) before it writes; with two processes on one file a deferred
            // read-then-write fails with SQLITE_BUSY_SNAPSHOT instead of waiting its turn.
          })
          .immediate(),
      retractMessage: async (channelId, messageTs, origins) => store.retractMessage(channelId, messageTs, origins),
      list: async (options) => store.history(options),
      findingsOf: async (id) => store.findingsOf(id),
      evidenceOf: async (id, count) => store.evidenceOf(id, count),
      count: async () => store.diagnosisCount(),
      purgeBefore: async (before) => store.purgeDiagnosesBefore(before),
    };

    this.attribution = {
      threadServer: async (channelId, threadTs, trusts) => attribution.threadServer(channelId, threadTs, trusts),
      unattributedInThread: async (channelId, threadTs) => attribution.unattributedInThread(channelId, threadTs),
      diagnosisReport: async (id) => attribution.diagnosisReport(id),
      replyTo: async (channelId, messageTs) => attribution.replyTo(channelId, messageTs),
      setPermalink: async (id, permalink) => attribution.setPermalink(id, permalink),
      sameServer: async (o) =>
        store.db
          .transaction(() => {
            const into = store.resolveServer(o.into);
            if (into.kind === 'ambiguous') return { kind: 'unclear' as const, candidates: into.candidates };
            const row = store.serverRowFor(o.into, o.at);
            const from = store.resolveServer(o.alias);
            if (from.kind === 'ambiguous') return { kind: 'unclear' as const, candidates: from.candidates };
            const spelling = from.kind === 'invalid' ? o.alias : from.name;
            if (spelling !== row) attribution.mergeServerInto(spelling, row, [o.alias.toLowerCase()]);
            attribution.joinFailure(o.diagnosisId, o.earlierId, row);
            return { kind: 'joined' as const, server: row };
          })
          .immediate(),
      recordFor: async (o) =>
        store.db
          .transaction(() => {
            const d = o.report;
            const row = store.serverRowFor(o.server, o.at);
            attribution.applyFacts(row, { ...d.reported, affected: false }, o.at, {
              userId: o.by,
              channelId: d.channelId,
              messageTs: d.messageTs,
              threadTs: d.threadTs,
              diagnosisId: d.id,
            });
            const facts = store.server(row);
            attribution.attribute(d.id, row, serverState(facts));
            return { server: row, facts };
          })
          .immediate(),
    };

    this.inbox = {
      accept: async (item) => inbox.accept(item),
      take: async (key, by, at, leaseExpiredBefore, isDead) => inbox.take(key, by, at, leaseExpiredBefore, isDead),
      pending: async (limit) => inbox.pending(limit),
      finish: async (key, outcome, at, replyTs, diagnosisId) => inbox.finish(key, outcome, at, replyTs, diagnosisId),
      keepAnswer: async (key, answer, diagnosisId) => inbox.keepAnswer(key, answer, diagnosisId),
      renew: async (key, by, at) => inbox.renew(key, by, at),
      release: async (key) => inbox.release(key),
      item: async (key) => inbox.item(key),
      purgeDoneBefore: async (before) => inbox.purgeDoneBefore(before),
      answeredInThread: async (channelId, threadTs, exceptKey) => inbox.answeredInThread(channelId, threadTs, exceptKey),
    };

    this.status = {
      upsertSubscription: async (s) => status.upsertSubscription(s),
      deleteSubscription: async (channelId) => status.deleteSubscription(channelId),
      subscription: async (channelId) => status.subscription(channelId),
      subscriptions: async () => status.subscriptions(),
      claimPost: async (o) => status.claimPost(o),
      markPostStarted: async (claim, at) => status.markPostStarted(claim, at),
      renewClaim: async (claim, at) => status.renewClaim(claim, at),
      recordPosted: async (channelId, localDate, ts, at) => status.recordPosted(channelId, localDate, ts, at),
      releaseClaim: async (claim, failure) => status.releaseClaim(claim, failure),
      statusPost: async (channelId, localDate) => status.statusPost(channelId, localDate),
      statusPosts: async (channelId) => status.statusPosts(channelId),
      purgeStatusPostsBefore: async (localDate) => status.purgeStatusPostsBefore(localDate),
      firstAffectedAfter: async (servers) => status.firstAffectedAfter(servers),
      newDetectionsSince: async (since, limit) => status.newDetectionsSince(since, limit),
      lastHeardOf: async () => status.lastHeardOf(),
      otherProblemsPerServerSince: async (since) => status.otherProblemsPerServerSince(since),
    };

    this.readers = {
      chosenLang: async (userId) => readers.chosenLang(userId),
      langFor: async (userId, fallback) => readers.langFor(userId, fallback),
      choose: async (userId, lang, at) => readers.choose(userId, lang, at),
    };
  }

  deferHousekeeping(onError: (err: Error) => void): void {
    this.raw.deferCheckpoints(onError);
  }

  housekeeping(): Promise<void> {
    return this.raw.checkpoint();
  }

  /**
   * In this process only: a SQLite file is meant for one process, and the sweeps are safe to run twice over one file
   * anyway (the purge deletes by a cutoff, each daily post is claimed in a write transaction).
   */
  async withExclusive(name: string, fn: () => Promise<void>): Promise<boolean> {
    if (this.running.has(name)) return false;
    this.running.add(name);
    try {
      await fn();
      return true;
    } finally {
      this.running.delete(name);
    }
  }

  async ping(): Promise<boolean> {
    if (!this.raw.db.open) return false;
    try {
      this.raw.statement('SELECT 1').get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.raw.close();
  }
}

/** Opens (creating if needed) and migrates the SQLite file behind the port. */
export function openSqliteStorage(path: string, options: StoreOptions = {}): SqliteStorage {
  return new SqliteStorage(Store.open(path, options));
}
