import { readFileSync, readlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import type { Logger } from '../log.js';
import type { Backlog, Metrics } from '../metrics.js';
import type { InboxItem, InboxKind, InboxOutcome, InboxPort, Storage } from '../store/port.js';
import type { AckGate } from './queue/ack-gate.js';
import { Pump } from './queue/pump.js';

/** One unit of Slack work as it is written before Slack gets its ack. */
export interface WorkItem {
  /** Something Slack repeats when it delivers the same thing again (event, trigger, view id): the de-duplication key. */
  readonly key: string;
  readonly kind: InboxKind;
  /** What the worker needs, JSON: the work must be doable after a restart, from this alone. */
  readonly payload: unknown;
  /** Slack's event_id, for the log. */
  readonly eventId?: string;
}

/**
 * The key of a message's retraction (its deletion): however often Slack says it was deleted, it is retracted once, and
 * the message's own work, finding it, leaves a deleted message alone.
 */
export function retractKey(channel: string, ts: string): string {
  return `retract:${channel}:${ts}`;
}

/**
 * The work could not be written down (disk full, database locked past its timeout, a broken file). Slack must then
 * not get its ack — HTTP answers 500, a Socket Mode envelope stays unacked — so that it delivers the work again.
 */
export class InboxWriteError extends Error {
  /** Bolt passes errors with a code to app.error as they are (others it wraps). */
  readonly code = 'kb954960_inbox_write';
  constructor(cause: unknown) {
    super('the Slack work could not be written to the database', { cause });
    this.name = 'InboxWriteError';
  }
}

/** Whether a listener's error (as Bolt hands it to app.error, possibly wrapped or several) is an InboxWriteError. */
export function isInboxWriteError(err: unknown): boolean {
  const e = err as { original?: unknown; originals?: unknown[] } | null;
  return err instanceof InboxWriteError || e?.original instanceof InboxWriteError || !!e?.originals?.some((o) => o instanceof InboxWriteError);
}

/** How an item ended (a thrown error instead means: try again later). */
export interface WorkResult {
  readonly outcome: InboxOutcome;
  readonly replyTs?: string | null;
  readonly diagnosisId?: number | null;
}

/** Does one kind of work. `item.attempts > 1` means an earlier attempt (perhaps in a life that crashed) did not finish. */
export type WorkHandler = (item: InboxItem, log: Logger) => Promise<WorkResult>;

export interface InboxOptions {
  readonly store: Storage;
  readonly logger: Logger;
  readonly handlers: Readonly<Record<InboxKind, WorkHandler>>;
  readonly clock?: () => Date;
  /**
   * Attempts of an item before it is marked failed, and the first pause between them (doubling). This is the retry
   * for what the Web API client's own retries (retryConfig: transient HTTP errors, 429 with Retry-After) do not
   * cover: an outage that outlasts them, a platform error, a garbled answer, a response_url that failed, a crash.
   */
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
  /**
   * Another process's claim older than this is taken over (a replica that died: found by the sweep, startSweeping()).
   * The holder renews it while it works, so only a holder that stopped renewing loses its work.
   */
  readonly leaseMs?: number;
  /** This process's name in claims (host:pid:start), shared with the status scheduler's. */
  readonly id?: string;
  /** Requests waiting for their ack (HTTP mode): work starts after them. */
  readonly ackGate?: AckGate;
  /** Reply latency, and the queue's depth and oldest age (read at each scrape). */
  readonly metrics?: Metrics;
}

/** Work done before a checkpoint even while more keeps coming (~40 WAL pages each for a 40 KB paste). */
const CHECKPOINT_EVERY = 200;
/** Quiet time after the last piece of work before the WAL is checkpointed. */
const CHECKPOINT_QUIET_MS = 1000;

/**
 * A dead replica's work is taken over within about this plus a quarter of it (the sweep's period): 37.5 s at most
 * when nothing tells that the holder is gone (another host), inside the minute a takeover is promised in. Its holder
 * renews it every third of it, so a live one loses it only after 20 s without a turn of its event loop. The replicas'
 * clocks must agree to well within it (NTP): each compares its own time with the times the others wrote.
 */
const DEFAULT_LEASE_MS = 30_000;

/** Minutes apart, not seconds: the client has already retried the transient failures within each attempt. */
const DEFAULT_RETRY = { attempts: 3, baseMs: 30_000 };

/** This process's name in claims: host:pid:start:pid-space (see pidSpace()). */
export function instanceId(): string {
  return `${hostname()}:${process.pid}:${Date.now().toString(36)}:${pidSpace()}`;
}

/**
 * Where this process's pid means something: the kernel's boot and the PID namespace, from /proc (Linux). A host name
 * alone does not say it: two containers on one machine may share the host's name (host networking) while each numbers
 * its processes from 1, and two cloned machines may share a name. '' where /proc does not tell (the host name decides).
 */
function pidSpace(): string {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim().slice(0, 8);
    const ns = /\[(\d+)\]/.exec(readlinkSync('/proc/self/ns/pid'))?.[1];
    return boot && ns ? `${boot}-${ns}` : '';
  } catch {
    return '';
  }
}

/**
 * A holder whose process is gone (or is an earlier life of this very process's pid) is dead — judged only where its pid
 * can be looked up: the same host and the same pid space. Any other holder is alive until its lease runs out.
 */
export function holderIsDead(holder: string, self: string): boolean {
  const [host, pidText, , space] = holder.split(':');
  const [ownHost, , , ownSpace] = self.split(':');
  // A claim without a pid space was taken by an earlier version, which named only its host: judged as it judged.
  if (host !== ownHost || (space !== undefined && space !== ownSpace)) return false;
  const pid = Number(pidText);
  if (pid === process.pid) return holder !== self;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * The one durable work queue of all Slack work: messages, files, the shortcut, slash commands, modal submissions.
 * enqueue() runs before Slack gets its ack (one insert, no Slack call) and the work itself runs after. A redelivery
 * finds its key and is dropped; what a crash interrupted is resumed by resumePending() at start (each kind's handler
 * checks, where Slack lets it, whether its answer had already gone out).
 */
export class SlackInbox {
  readonly id: string;
  /** The queue's rows (the storage port's inbox). */
  private readonly queue: InboxPort;
  private readonly pump: Pump;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Keys this process is working on, or will retry: the sweep leaves them to it. */
  private readonly mine = new Set<string>();
  private sweeper: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Work this process queued or resumed and has not finished: key → when (performance.now(), monotonic). */
  private readonly waiting = new Map<string, number>();
  /** Pieces of work since the last WAL checkpoint, and the checkpoint waiting for the work to go quiet. */
  private sinceCheckpoint = 0;
  private checkpointTimer: NodeJS.Timeout | undefined;
  /** A failed checkpoint, on the checkpoint thread (reported) or on the store's own connection (rejected): logged. */
  private readonly checkpointFailed = (err: unknown): void => this.o.logger.warn({ err }, 'WAL checkpoint failed; SQLite retries it at the next one');

  constructor(private readonly o: InboxOptions) {
    this.id = o.id ?? instanceId();
    this.queue = o.store.inbox;
    this.pump = new Pump(o.logger, o.ackGate);
    // afterWork() checkpoints instead, outside the inserts Slack waits on, and off this thread.
    o.store.deferHousekeeping(this.checkpointFailed);
    o.metrics?.watchQueue(() => this.backlog());
  }

  /** How much work waits in this process, and for how long the oldest has. */
  backlog(): Backlog {
    let oldest = Number.POSITIVE_INFINITY;
    for (const since of this.waiting.values()) oldest = Math.min(oldest, since);
    return { depth: this.waiting.size, oldestSeconds: this.waiting.size === 0 ? 0 : (performance.now() - oldest) / 1000 };
  }

  /** The item is no longer this process's to do: done, failed, taken by another process, or left for the next start. */
  private settled(key: string, ended?: { kind: InboxKind; outcome: InboxOutcome }): void {
    const since = this.waiting.get(key);
    this.waiting.delete(key);
    if (ended && since !== undefined) this.o.metrics?.reply.observe(ended, (performance.now() - since) / 1000);
  }

  private now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  /**
   * Writes the items (before the ack) and starts the new ones; returns their keys (empty: all were redeliveries).
   * Throws InboxWriteError when the database refuses the write: the listener fails, and Slack is not told it is done.
   */
  async enqueue(items: readonly WorkItem[]): Promise<string[]> {
    const at = this.now().toISOString();
    const fresh: string[] = [];
    try {
      for (const i of items) if (await this.queue.accept({ key: i.key, eventId: i.eventId, kind: i.kind, payload: i.payload, at })) fresh.push(i.key);
    } catch (e) {
      throw new InboxWriteError(e);
    }
    this.kick(fresh);
    return fresh;
  }

  /**
   * Work that is not worth a row (a button's handler: the user can click again), started after the ack on the same
   * pump as the durable work.
   */
  runAfterAck(what: string, fn: () => Promise<unknown>): void {
    this.pump.run(what, fn);
  }

  private kick(keys: readonly string[]): void {
    for (const key of keys) {
      if (this.mine.has(key)) continue;
      this.mine.add(key);
      if (!this.waiting.has(key)) this.waiting.set(key, performance.now());
      this.pump.run(key, () => this.process(key));
    }
  }

  /**
   * From now on, looks for unfinished work every quarter lease and takes what no live holder keeps: work another
   * replica acked and then died on (its lease runs out: it stopped renewing), or accepted and never started.
   */
  startSweeping(everyMs = this.leaseMs() / 4): void {
    if (this.sweeper || this.stopping) return;
    this.sweeper = setInterval(() => {
      this.sweep().catch((err: unknown) => this.o.logger.warn({ err }, 'could not look for unfinished Slack work; will look again'));
    }, everyMs);
    this.sweeper.unref();
  }

  /** One look for unfinished work that is not this process's own; returns how many items it tried to take. */
  async sweep(): Promise<number> {
    if (this.stopping) return 0;
    const keys = (await this.queue.pending()).map((i) => i.key).filter((k) => !this.mine.has(k));
    this.kick(keys);
    return keys.length;
  }

  private leaseMs(): number {
    return this.o.leaseMs ?? DEFAULT_LEASE_MS;
  }

  /** Resumes work a previous run (or another process that died) left unfinished. */
  async resumePending(): Promise<number> {
    const items = await this.queue.pending();
    this.kick(items.map((i) => i.key));
    return items.length;
  }

  /** Stops taking work and waits for what is in flight; what is left stays in the store for the next start. */
  async drain(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweeper);
    clearTimeout(this.checkpointTimer);
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.pump.drain();
  }

  /** Resolves when no work is in flight or waiting for a retry (tests, benchmarks). */
  async idle(): Promise<void> {
    for (;;) {
      await this.pump.drain();
      if (this.timers.size === 0) return;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  private async process(key: string): Promise<void> {
    if (this.stopping) {
      this.mine.delete(key);
      return this.settled(key);
    }
    const o = this.o;
    const now = this.now();
    const leaseExpiredBefore = new Date(now.getTime() - this.leaseMs()).toISOString();
    let item: InboxItem | null;
    try {
      item = await this.queue.take(key, this.id, now.toISOString(), leaseExpiredBefore, (h) => holderIsDead(h, this.id));
    } catch (e) {
      this.mine.delete(key); // the next sweep (or start) tries again
      this.settled(key);
      throw e;
    }
    if (!item) {
      // Done already, or another replica holds it.
      this.mine.delete(key);
      return this.settled(key);
    }
    const log = o.logger.child({ key, attempt: item.attempts });
    // The lease is kept while the work runs, however long: only a holder that died lets it run out.
    const heartbeat = setInterval(() => void this.queue.renew(key, this.id, this.now().toISOString()).catch(() => undefined), Math.max(50, this.leaseMs() / 3));
    heartbeat.unref();
    try {
      const result = await o.handlers[item.kind](item, log);
      clearInterval(heartbeat);
      await this.queue.finish(key, result.outcome, this.now().toISOString(), result.replyTs ?? null, result.diagnosisId);
      this.mine.delete(key);
      this.settled(key, { kind: item.kind, outcome: result.outcome });
    } catch (e) {
      clearInterval(heartbeat);
      try {
        await this.retryLater(item, e, log);
      } catch (releaseErr) {
        // Not even released (the database is away): let go of it here, so the sweep (on any replica) takes it again.
        this.mine.delete(key);
        this.settled(key);
        log.warn({ err: releaseErr }, 'could not put Slack work back in the queue; the sweep takes it again');
      }
    }
    this.afterWork();
  }

  /**
   * The WAL checkpoint (two fsyncs, on the store's checkpoint thread): once work has been quiet for a moment, so that
   * its disk writes come after a burst rather than inside it; and every CHECKPOINT_EVERY pieces of work under a steady
   * stream, so the WAL stays bounded.
   */
  private afterWork(): void {
    clearTimeout(this.checkpointTimer);
    if (++this.sinceCheckpoint >= CHECKPOINT_EVERY) {
      this.checkpoint();
      return;
    }
    this.checkpointTimer = setTimeout(() => this.checkpoint(), CHECKPOINT_QUIET_MS).unref();
  }

  private checkpoint(): void {
    this.sinceCheckpoint = 0;
    if (this.stopping) return; // closing the store checkpoints
    this.o.store.housekeeping().catch(this.checkpointFailed);
  }

  private async retryLater(item: InboxItem, e: unknown, log: Logger): Promise<void> {
    const retry = this.o.retry ?? DEFAULT_RETRY;
    if (this.stopping) {
      this.mine.delete(item.key);
      await this.queue.release(item.key); // the next start resumes it
      this.settled(item.key);
      log.warn({ err: e }, 'reply failed while stopping; left for the next start');
      return;
    }
    if (item.attempts >= retry.attempts) {
      this.mine.delete(item.key);
      await this.queue.finish(item.key, 'failed', this.now().toISOString());
      this.settled(item.key, { kind: item.kind, outcome: 'failed' });
      log.error({ err: e }, 'giving up on this Slack reply');
      return;
    }
    // No Retry-After here: the Web API client waits it out itself (and pauses its queue) before it fails or retries.
    const delay = retry.baseMs * 2 ** (item.attempts - 1);
    // The claim is kept through the backoff (its lease runs from the retry's time): another replica's sweep leaves the
    // item alone until then, and takes it over only if this process dies meanwhile.
    if (!(await this.queue.renew(item.key, this.id, new Date(this.now().getTime() + delay).toISOString()))) {
      this.mine.delete(item.key); // no longer this process's: another replica took it over
      this.settled(item.key);
      return;
    }
    log.warn({ err: e, delay_ms: delay }, 'reply failed; will retry');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.mine.delete(item.key);
      this.kick([item.key]);
    }, delay);
    this.timers.add(timer);
  }
}
