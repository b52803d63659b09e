/**
 * The daily status post, exactly once per subscribed channel per local day.
 *
 * - One croner job, the sweep (every minute by default), posts whatever is due and not posted: on time, missed
 *   while down, a crashed claim, a failure, a subscription made by another process. "Due" is post-time.ts (croner
 *   in the subscription's zone), the one place that knows when a channel posts. start() also runs once at once.
 * - Exactly once: (channel, local date) is claimed in SQLite (BEGIN IMMEDIATE) before posting, the ts recorded
 *   after. A claim holds a lease; a claim whose lease ran out without a ts may be re-claimed (attempts + 1). The
 *   post carries metadata {event_type: kb954960_status, local_date}; whoever re-claims a day on which a post may
 *   have gone out looks for it in conversations.history first and records its ts instead of posting again.
 * - One retry policy: the Web API client retries transient failures (429 after Retry-After, 5xx, network) inside
 *   the call; any failure that remains gives the claim back, and the next sweep tries again, up to maxAttempts.
 */
import { Cron } from 'croner';
import { dueToday, nextPostTime } from '../fleet/post-time.js';
import { linkedStatusMessage } from './query.js';
import type { StatusPort, Storage, Subscription } from '../store/port.js';

export const STATUS_EVENT_TYPE = 'kb954960_status';

export interface StatusClient {
  chat: {
    // `any` args: Bolt's WebClient (app.client) fits without casts.
    // biome-ignore lint/suspicious/noExplicitAny: the WebClient's own argument types, whatever Bolt's version
    postMessage(args: any): Promise<{ ok?: boolean; ts?: string; channel?: string; error?: string }>;
    // biome-ignore lint/suspicious/noExplicitAny: as above
    getPermalink(args: any): Promise<{ ok?: boolean; permalink?: string }>;
  };
  conversations: {
    // biome-ignore lint/suspicious/noExplicitAny: as above
    history(args: any): Promise<{ ok?: boolean; messages?: any[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }>;
  };
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export interface SchedulerDeps {
  readonly store: Storage;
  readonly client: StatusClient;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Names this process in claims (for diagnosing stuck ones). */
  readonly instanceId?: string;
  /** A claim without a ts older than this may be re-claimed. Renewed while chat.postMessage is in flight. */
  readonly leaseMs?: number;
  /** Claims per channel per day before giving up for that day (one per sweep after a failure). */
  readonly maxAttempts?: number;
  /** croner pattern of the sweep (UTC); null: none (tests drive runDue). */
  readonly sweep?: string | null;
  /** More work for each sweep, with the sweep's now (fleet reports: silent servers). Its failure is logged. */
  readonly alsoOnSweep?: (now: Date) => Promise<unknown>;
  /** Called after each post Slack accepted (the metrics' count of daily posts). */
  readonly onPosted?: () => void;
}

export interface RunResult {
  /** Channels posted to (or whose earlier post was found and recorded). */
  readonly posted: string[];
  /** Due but not ours to post: already posted, claimed by a live process, or out of attempts. */
  readonly skipped: string[];
  readonly failed: string[];
}

const silent: Logger = { info() {}, warn() {}, error() {} };
/** Slack answered with an error that says it may have done part of the work. */
const MAYBE_DONE = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/**
 * After a failed chat.postMessage: 'no' when Slack answered that it did not post (an API error such as
 * not_in_channel, a rate limit), 'unknown' when it may have (an HTTP error, a network error, a timeout): then the
 * next holder of the claim looks in the channel before posting again.
 */
export function postedAfter(e: unknown): 'no' | 'unknown' {
  const err = e as { code?: string; data?: { error?: string } };
  if (err?.code === 'slack_webapi_rate_limited_error') return 'no';
  if (err?.code === 'slack_webapi_platform_error') return MAYBE_DONE.has(err.data?.error ?? '') ? 'unknown' : 'no';
  return 'unknown';
}

function errorText(e: unknown): string {
  const err = e as { data?: { error?: string }; message?: string };
  return String(err?.data?.error ?? err?.message ?? e);
}

export class StatusScheduler {
  private readonly store: Storage;
  private readonly status: StatusPort;
  private readonly client: StatusClient;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly sweepPattern: string | null;
  private readonly alsoOnSweep: ((now: Date) => Promise<unknown>) | undefined;
  private sweepJob: Cron | undefined;
  /** The subscriptions as last read (start, each sweep, refresh): what upcoming() reports. */
  private subscriptions: Subscription[] = [];
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  private started = false;

  private readonly onPosted: (() => void) | undefined;

  constructor(deps: SchedulerDeps) {
    this.store = deps.store;
    this.status = deps.store.status;
    this.client = deps.client;
    this.clock = deps.clock ?? (() => new Date());
    this.logger = deps.logger ?? silent;
    this.instanceId = deps.instanceId ?? `pid${process.pid}`;
    this.leaseMs = deps.leaseMs ?? 5 * 60_000;
    this.maxAttempts = deps.maxAttempts ?? 30;
    this.sweepPattern = deps.sweep === undefined ? '* * * * *' : deps.sweep;
    this.alsoOnSweep = deps.alsoOnSweep;
    this.onPosted = deps.onPosted;
  }

  /** Starts the sweep and runs it once now (posts missed today while the bot was down). */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.refresh();
    if (this.sweepPattern) {
      this.sweepJob = new Cron(this.sweepPattern, { timezone: 'UTC', protect: true, catch: true, unref: true }, async () => {
        await this.refresh();
        await this.track(this.runDue());
        await this.track(this.runAlso());
      });
    }
    void this.track(this.runDue());
  }

  private async runAlso(now: Date = this.clock()): Promise<void> {
    if (!this.alsoOnSweep) return;
    try {
      await this.alsoOnSweep(now);
    } catch (err) {
      this.logger.error({ err }, 'status: sweep work failed');
    }
  }

  /** Stops the sweep; resolves when runs under way have finished. */
  async stop(): Promise<void> {
    this.started = false;
    this.sweepJob?.stop();
    this.sweepJob = undefined;
    this.subscriptions = [];
    await this.idle();
  }

  /** Resolves when the runs under way (start()'s catch-up, the sweep's) have finished: a graceful stop; tests. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  /** Re-reads the subscriptions (call after subscribe/unsubscribe; the sweep does it too). */
  async refresh(): Promise<void> {
    if (this.started) this.subscriptions = await this.status.subscriptions();
  }

  /** Each subscription and when it posts next after `from` (default the clock). Empty when stopped. */
  upcoming(from: Date = this.clock()): { channelId: string; postTime: string; timeZone: string; nextRun: Date | null }[] {
    return this.subscriptions.map((s) => ({ channelId: s.channelId, postTime: s.postTime, timeZone: s.timeZone, nextRun: nextPostTime(s, from) }));
  }

  /** Posts every subscription due at `now` and not yet posted today (its local today). Drive it with any clock. */
  async runDue(now: Date = this.clock(), options: { channelId?: string } = {}): Promise<RunResult> {
    const result: RunResult = { posted: [], skipped: [], failed: [] };
    const subs = options.channelId
      ? [await this.status.subscription(options.channelId)].filter((s): s is Subscription => !!s)
      : await this.status.subscriptions();
    for (const sub of subs) {
      let due: ReturnType<typeof dueToday>;
      try {
        due = dueToday(sub, now);
      } catch (e) {
        this.logger.error({ err: e, channel: sub.channelId, timeZone: sub.timeZone }, 'status: bad subscription');
        result.failed.push(sub.channelId);
        continue;
      }
      if (!due.due) continue;
      const key = `${sub.channelId}|${due.localDate}`;
      if (this.inFlight.has(key)) {
        result.skipped.push(sub.channelId);
        continue;
      }
      this.inFlight.add(key);
      try {
        const outcome = await this.postOnce(sub, due.localDate, due.dueAt, now);
        result[outcome].push(sub.channelId);
      } catch (e) {
        this.logger.error({ err: e, channel: sub.channelId, localDate: due.localDate }, 'status: post failed');
        result.failed.push(sub.channelId);
      } finally {
        this.inFlight.delete(key);
      }
    }
    return result;
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.running.add(p);
    void p.finally(() => this.running.delete(p)).catch(() => {});
    return p;
  }

  private async postOnce(sub: Subscription, localDate: string, dueAt: Date, now: Date): Promise<'posted' | 'skipped' | 'failed'> {
    const log = { channel: sub.channelId, localDate, instance: this.instanceId };
    // Most sweeps find the day done: a plain read, no write lock.
    if ((await this.status.statusPost(sub.channelId, localDate))?.postedTs) return 'skipped';
    const claimed = await this.status.claimPost({
      channelId: sub.channelId,
      localDate,
      now: now.toISOString(),
      instanceId: this.instanceId,
      leaseMs: this.leaseMs,
      maxAttempts: this.maxAttempts,
    });
    if (claimed.kind !== 'claimed') {
      this.logger.debug?.({ ...log, state: claimed.kind }, 'status: not ours to post');
      return 'skipped';
    }
    const claim = claimed.claim;
    const fail = async (error: string, posted: 'no' | 'unknown', msg: string) => {
      await this.status.releaseClaim(claim, { error, posted });
      const last = claim.attempts >= this.maxAttempts;
      this.logger.error({ ...log, error, attempt: claim.attempts }, last ? `${msg}; giving up for today` : `${msg}; the next sweep tries again`);
      return 'failed' as const;
    };

    // A previous holder may have posted without recording it: look before posting again.
    if (claim.mustVerify) {
      let found: string | null;
      try {
        found = await this.findPosted(sub.channelId, localDate, dueAt);
      } catch (e) {
        return fail(`history: ${errorText(e)}`, 'unknown', 'status: cannot check the channel for an earlier post, not posting blind');
      }
      if (found) {
        await this.status.recordPosted(sub.channelId, localDate, found, this.clock().toISOString());
        this.logger.info({ ...log, ts: found }, 'status: found the earlier post, recorded it');
        return 'posted';
      }
    }

    let message: { text: string; blocks: unknown[] };
    try {
      message = await linkedStatusMessage(this.store, this.client, sub.lang, now, { timeZone: sub.timeZone });
    } catch (e) {
      await this.status.releaseClaim(claim, { error: `build: ${errorText(e)}`, posted: 'no' });
      throw e;
    }

    // Renew the lease and note the post is under way; if the claim is no longer ours, someone else has the day.
    if (!(await this.status.markPostStarted(claim, this.clock().toISOString()))) {
      this.logger.warn(log, 'status: lost the claim (lease ran out); leaving the day to its new holder');
      return 'skipped';
    }
    // While the call is in flight (the client may retry inside it for a long time), keep the lease alive.
    const heartbeat = setInterval(
      () => {
        // recordPosted does not depend on the lease; a lost lease only lets another process look for the post
        this.status.renewClaim(claim, this.clock().toISOString()).catch(() => undefined);
      },
      Math.max(1_000, Math.floor(this.leaseMs / 3)),
    );
    heartbeat.unref?.();
    try {
      const res = await this.client.chat.postMessage({
        channel: sub.channelId,
        text: message.text,
        blocks: message.blocks,
        metadata: { event_type: STATUS_EVENT_TYPE, event_payload: { local_date: localDate } },
        unfurl_links: false,
        unfurl_media: false,
      });
      if (res.ok === false || !res.ts) return fail(res.error ?? 'no ts', 'no', 'status: Slack refused the post');
      await this.status.recordPosted(sub.channelId, localDate, res.ts, this.clock().toISOString());
      this.logger.info({ ...log, ts: res.ts, attempt: claim.attempts }, 'status: posted');
      this.onPosted?.();
      return 'posted';
    } catch (e) {
      return fail(errorText(e), postedAfter(e), 'status: post failed');
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * The ts of this bot's status post for that local date in the channel, if there is one (metadata match). It went
   * out at or after the day's post time; 26 h before it is before that local day began, whatever the zone and DST.
   */
  private async findPosted(channel: string, localDate: string, dueAt: Date): Promise<string | null> {
    const oldest = (dueAt.getTime() - 26 * 3_600_000) / 1000;
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await this.client.conversations.history({
        channel,
        oldest: oldest.toFixed(6),
        include_all_metadata: true,
        limit: 200,
        ...(cursor ? { cursor } : {}),
      });
      if (res.ok === false) throw new Error('conversations.history failed');
      for (const m of res.messages ?? []) {
        const meta = m?.metadata as { event_type?: string; event_payload?: { local_date?: string } } | undefined;
        if (meta?.event_type === STATUS_EVENT_TYPE && meta.event_payload?.local_date === localDate && typeof m.ts === 'string') return m.ts;
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!res.has_more || !cursor) return null;
    }
    throw new Error('conversations.history: too many messages to check');
  }
}
