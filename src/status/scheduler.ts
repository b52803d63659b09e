/**
 * The daily status post, exactly once per subscribed channel per local day.
 *
 * - croner fires one job per subscription at HH:MM in its time zone (DST-correct: a time skipped by DST runs at the
 *   first valid time after it; a repeated time runs once), plus a sweep every few minutes that picks up whatever
 *   is due and not posted: missed while down, a crashed claim, a failure, a subscription made by another process.
 * - Exactly once: (channel, local date) is claimed in SQLite (BEGIN IMMEDIATE) before posting, the ts recorded
 *   after. A claim holds a lease; a claim whose lease ran out without a ts may be re-claimed (attempts + 1). The
 *   post carries metadata {event_type: kb954960_status, local_date}; whoever re-claims a day on which a post may
 *   have gone out looks for it in conversations.history first and records its ts instead of posting again.
 * - 429 waits Retry-After, 5xx and network errors back off; all waiting goes through an injectable sleep.
 */
import { Cron } from 'croner';
import { StatusStore, type Subscription } from '../../db/status-store.js';
import type { Store } from '../../db/store.js';
import { statusMessageWithLinks } from './query.js';
import { localParts, startOfLocalDay, zonedTimeToUtc } from './time.js';

export const STATUS_EVENT_TYPE = 'kb954960_status';

export interface StatusClient {
  chat: {
    // `any` args: Bolt's WebClient (app.client) fits without casts.
    postMessage(args: any): Promise<{ ok?: boolean; ts?: string; channel?: string; error?: string }>;
    getPermalink(args: any): Promise<{ ok?: boolean; permalink?: string }>;
  };
  conversations: {
    history(args: any): Promise<{ ok?: boolean; messages?: any[]; has_more?: boolean; response_metadata?: { next_cursor?: string } }>;
  };
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug?(obj: object, msg?: string): void;
}

export interface RetryOptions {
  /** Further attempts after the first, within one claim. */
  readonly retries?: number;
  /** Backoff for 5xx/network errors: base * 2^n, capped, with jitter. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Injected in tests: no real waiting. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Jitter source, [0, 1). */
  readonly random?: () => number;
}

export interface SchedulerDeps {
  readonly store: Store;
  readonly client: StatusClient;
  readonly clock?: () => Date;
  readonly logger?: Logger;
  /** Names this process in claims (for diagnosing stuck ones). */
  readonly instanceId?: string;
  readonly retry?: RetryOptions;
  /** A claim without a ts older than this may be re-claimed. Must exceed one postMessage call; renewed per attempt. */
  readonly leaseMs?: number;
  /** Claims per channel per day before giving up for that day. */
  readonly maxAttempts?: number;
  /** croner pattern of the catch-up sweep (UTC); null: none. */
  readonly sweep?: string | null;
}

export interface RunResult {
  /** Channels posted to (or whose earlier post was found and recorded). */
  readonly posted: string[];
  /** Due but not ours to post: already posted, claimed by a live process, or out of attempts. */
  readonly skipped: string[];
  readonly failed: string[];
}

const silent: Logger = { info() {}, warn() {}, error() {} };
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref?.());

/** The next time a subscription posts after `from` (croner, in its time zone). */
export function nextPostTime(sub: Pick<Subscription, 'postTime' | 'timeZone'>, from: Date): Date | null {
  try {
    return new Cron(cronPattern(sub.postTime), { timezone: sub.timeZone, paused: true }).nextRun(from);
  } catch {
    return null;
  }
}

function cronPattern(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number);
  return `${m} ${h} * * *`;
}

/** Whether a subscription's post is due at `now`, and for which local date. */
export function dueToday(sub: Subscription, now: Date): { due: boolean; localDate: string; dueAt: Date } {
  const local = localParts(now, sub.timeZone);
  const dueAt = zonedTimeToUtc(local.date, sub.postTime, sub.timeZone);
  // Due from HH:MM local on (or the first valid time after it, on a DST day), if the subscription existed by then.
  const due = now.getTime() >= dueAt.getTime() && sub.createdAt <= dueAt.toISOString();
  return { due, localDate: local.date, dueAt };
}

type Failure = { kind: 'rate'; retryAfterMs: number; message: string } | { kind: 'transient'; message: string } | { kind: 'permanent'; message: string };

/** 429 → wait Retry-After; 5xx, network and Slack's own internal errors → back off (a post may have happened); else permanent. */
export function classifyError(e: unknown): Failure {
  const err = e as { code?: string; retryAfter?: number; statusCode?: number; status?: number; data?: { error?: string; retryAfter?: number }; message?: string };
  const message = String(err?.data?.error ?? err?.message ?? e);
  const retryAfter = err?.retryAfter ?? err?.data?.retryAfter;
  if (err?.code === 'slack_webapi_rate_limited_error' || typeof retryAfter === 'number' || err?.statusCode === 429 || err?.data?.error === 'ratelimited') {
    return { kind: 'rate', retryAfterMs: Math.max(0, (typeof retryAfter === 'number' ? retryAfter : 1) * 1000), message };
  }
  const status = err?.statusCode ?? err?.status;
  if (typeof status === 'number' && status >= 500) return { kind: 'transient', message };
  if (err?.code === 'slack_webapi_request_error' || err?.code === 'ECONNRESET' || err?.code === 'ETIMEDOUT') return { kind: 'transient', message };
  if (['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout'].includes(err?.data?.error ?? '')) return { kind: 'transient', message };
  return { kind: 'permanent', message };
}

export class StatusScheduler {
  private readonly store: Store;
  private readonly status: StatusStore;
  private readonly client: StatusClient;
  private readonly clock: () => Date;
  private readonly logger: Logger;
  private readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly sweepPattern: string | null;
  private readonly jobsByChannel = new Map<string, { key: string; job: Cron }>();
  private sweepJob: Cron | undefined;
  private readonly inFlight = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();
  private started = false;

  constructor(deps: SchedulerDeps) {
    this.store = deps.store;
    this.status = new StatusStore(deps.store);
    this.client = deps.client;
    this.clock = deps.clock ?? (() => new Date());
    this.logger = deps.logger ?? silent;
    this.instanceId = deps.instanceId ?? `pid${process.pid}`;
    this.leaseMs = deps.leaseMs ?? 5 * 60_000;
    this.maxAttempts = deps.maxAttempts ?? 6;
    this.retries = deps.retry?.retries ?? 4;
    this.baseDelayMs = deps.retry?.baseDelayMs ?? 1_000;
    this.maxDelayMs = deps.retry?.maxDelayMs ?? 60_000;
    this.sleep = deps.retry?.sleep ?? realSleep;
    this.random = deps.retry?.random ?? Math.random;
    this.sweepPattern = deps.sweep === undefined ? '*/5 * * * *' : deps.sweep;
  }

  /** Schedules every subscription, the sweep, and a catch-up run now (posts missed today while the bot was down). */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.refresh();
    if (this.sweepPattern) {
      this.sweepJob = new Cron(this.sweepPattern, { timezone: 'UTC', protect: true, catch: true, unref: true }, async () => {
        this.refresh();
        await this.track(this.runDue());
      });
    }
    void this.track(this.runDue());
  }

  /** Stops every job; resolves when runs under way have finished. */
  async stop(): Promise<void> {
    this.started = false;
    this.sweepJob?.stop();
    this.sweepJob = undefined;
    for (const { job } of this.jobsByChannel.values()) job.stop();
    this.jobsByChannel.clear();
    await Promise.allSettled([...this.running]);
  }

  /** Re-reads the subscriptions and (re)schedules their jobs: call after subscribe/unsubscribe. */
  refresh(): void {
    if (!this.started) return;
    const subs = this.status.subscriptions();
    const seen = new Set<string>();
    for (const sub of subs) {
      seen.add(sub.channelId);
      const key = `${sub.postTime}|${sub.timeZone}`;
      const existing = this.jobsByChannel.get(sub.channelId);
      if (existing?.key === key) continue;
      existing?.job.stop();
      try {
        const job = new Cron(cronPattern(sub.postTime), { timezone: sub.timeZone, protect: true, catch: true, unref: true }, async () => {
          // A timer may fire a hair early: judge due-ness with a little grace; the sweep catches anything else.
          await this.track(this.runDue(new Date(this.clock().getTime() + 5_000), { channelId: sub.channelId }));
        });
        this.jobsByChannel.set(sub.channelId, { key, job });
      } catch (e) {
        this.jobsByChannel.delete(sub.channelId);
        this.logger.error({ err: e, channel: sub.channelId, postTime: sub.postTime, timeZone: sub.timeZone }, 'status: cannot schedule subscription');
      }
    }
    for (const [channelId, { job }] of this.jobsByChannel) {
      if (!seen.has(channelId)) {
        job.stop();
        this.jobsByChannel.delete(channelId);
      }
    }
  }

  /** The scheduled jobs and when each runs next (after `from`, default the clock). */
  jobs(from: Date = this.clock()): { channelId: string; postTime: string; timeZone: string; nextRun: Date | null }[] {
    return [...this.jobsByChannel].map(([channelId, { key, job }]) => {
      const [postTime, timeZone] = key.split('|') as [string, string];
      return { channelId, postTime, timeZone, nextRun: job.nextRun(from) };
    });
  }

  /** Posts every subscription due at `now` and not yet posted today (its local today). Drive it with any clock. */
  async runDue(now: Date = this.clock(), options: { channelId?: string } = {}): Promise<RunResult> {
    const result: RunResult = { posted: [], skipped: [], failed: [] };
    const subs = options.channelId ? [this.status.subscription(options.channelId)].filter((s): s is Subscription => !!s) : this.status.subscriptions();
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
        const outcome = await this.postOnce(sub, due.localDate, now);
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

  private async postOnce(sub: Subscription, localDate: string, now: Date): Promise<'posted' | 'skipped' | 'failed'> {
    const log = { channel: sub.channelId, localDate, instance: this.instanceId };
    const claimed = this.status.claimPost({
      channelId: sub.channelId,
      localDate,
      now: now.toISOString(),
      instanceId: this.instanceId,
      leaseMs: this.leaseMs,
      maxAttempts: this.maxAttempts,
    });
    if (claimed.kind !== 'claimed') {
      if (claimed.kind === 'exhausted') this.logger.warn({ ...log, attempts: claimed.attempts }, 'status: giving up for today');
      else this.logger.debug?.({ ...log, state: claimed.kind }, 'status: not ours to post');
      return 'skipped';
    }
    const claim = claimed.claim;

    // A previous holder may have posted without recording it: look before posting again.
    if (claim.mustVerify) {
      const found = await this.findPosted(sub, localDate).catch((e: unknown) => {
        this.logger.error({ ...log, err: e }, 'status: cannot check the channel for an earlier post; not posting blind');
        this.status.releaseClaim(claim, { error: `history: ${String((e as Error)?.message ?? e)}`, posted: 'unknown' });
        return 'error' as const;
      });
      if (found === 'error') return 'failed';
      if (found) {
        this.status.recordPosted(sub.channelId, localDate, found, this.clock().toISOString());
        this.logger.info({ ...log, ts: found }, 'status: found the earlier post, recorded it');
        return 'posted';
      }
    }

    let message: Awaited<ReturnType<typeof statusMessageWithLinks>>;
    try {
      message = await statusMessageWithLinks(this.store, this.client, sub.lang, now, { timeZone: sub.timeZone });
    } catch (e) {
      this.status.releaseClaim(claim, { error: `build: ${String((e as Error)?.message ?? e)}`, posted: 'no' });
      throw e;
    }

    let last = '';
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      // Renew the lease and note the post is under way; if the claim is no longer ours, someone else has the day.
      if (!this.status.markPostStarted(claim, this.clock().toISOString())) {
        this.logger.warn(log, 'status: lost the claim (lease ran out); leaving the day to its new holder');
        return 'skipped';
      }
      // While the call is in flight (WebClient may retry inside it for a long time), keep the lease alive.
      const heartbeat = setInterval(() => {
        try {
          this.status.renewClaim(claim, this.clock().toISOString());
        } catch {
          // the next attempt's markPostStarted will tell
        }
      }, Math.max(1_000, Math.floor(this.leaseMs / 3)));
      heartbeat.unref?.();
      try {
        const res = await this.client.chat.postMessage({
          channel: sub.channelId,
          text: message.text,
          blocks: message.blocks,
          metadata: { event_type: STATUS_EVENT_TYPE, event_payload: { local_date: localDate } },
          unfurl_links: false,
          unfurl_media: false,
        }).finally(() => clearInterval(heartbeat));
        if (res.ok === false || !res.ts) throw Object.assign(new Error(res.error ?? 'no ts'), { data: { error: res.error ?? 'no_ts' } });
        this.status.recordPosted(sub.channelId, localDate, res.ts, this.clock().toISOString());
        this.logger.info({ ...log, ts: res.ts, attempt: claim.attempts }, 'status: posted');
        return 'posted';
      } catch (e) {
        const f = classifyError(e);
        last = f.message;
        if (f.kind === 'permanent') {
          this.status.releaseClaim(claim, { error: f.message, posted: 'no' });
          this.logger.error({ ...log, error: f.message }, 'status: Slack refused the post');
          return 'failed';
        }
        if (attempt === this.retries) {
          this.status.releaseClaim(claim, { error: f.message, posted: f.kind === 'rate' ? 'no' : 'unknown' });
          break;
        }
        const wait = f.kind === 'rate' ? f.retryAfterMs : this.backoff(attempt);
        if (f.kind === 'rate') this.status.clearPostStarted(claim);
        if (wait > this.leaseMs / 2) {
          // Longer than the lease allows: give the day back, the sweep retries it.
          this.status.releaseClaim(claim, { error: f.message, posted: f.kind === 'rate' ? 'no' : 'unknown' });
          break;
        }
        this.logger.warn({ ...log, error: f.message, kind: f.kind, waitMs: wait }, 'status: post failed, retrying');
        await this.sleep(wait);
        if (f.kind === 'transient') {
          // The failed call may have posted after all (a 5xx after the write, a timeout): look before posting again.
          let found: string | null;
          try {
            found = await this.findPosted(sub, localDate);
          } catch (err) {
            this.status.releaseClaim(claim, { error: f.message, posted: 'unknown' });
            this.logger.error({ ...log, err }, 'status: cannot check the channel after a failed post; not posting blind');
            return 'failed';
          }
          if (found) {
            this.status.recordPosted(sub.channelId, localDate, found, this.clock().toISOString());
            this.logger.info({ ...log, ts: found }, 'status: the failed post had gone out; recorded it');
            return 'posted';
          }
        }
      }
    }
    this.logger.error({ ...log, error: last }, 'status: post failed after retries; the sweep tries again later today');
    return 'failed';
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
    return Math.min(this.maxDelayMs, Math.round(base * (0.5 + this.random()))); // ±50% jitter
  }

  /** The ts of this bot's status post for that local date in the channel, if there is one (metadata match). */
  private async findPosted(sub: Subscription, localDate: string): Promise<string | null> {
    const oldest = (startOfLocalDay(localDate, sub.timeZone).getTime() - 3_600_000) / 1000;
    let cursor: string | undefined;
    for (let page = 0; page < 20; page++) {
      const res = await this.client.conversations.history({
        channel: sub.channelId,
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
