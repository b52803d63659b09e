import { hostname } from 'node:os';
import type { webApi } from '@slack/bolt';
import type { InboxItem, Store } from '../../db/store.js';
import { isAdmin } from '../admins.js';
import { check, type CheckResult } from '../check.js';
import type { Lang } from '../detect/types.js';
import { InputError } from '../ingest/decode.js';
import { normalizeSlackText } from '../ingest/slack-text.js';
import type { Logger } from '../log.js';
import { escapeMrkdwn, renderBlocks, section, type SlackMessage } from '../render/blocks.js';
import { langOf, t } from '../render/i18n.js';
import { notRecordedText, withNotRecorded } from '../render/not-recorded.js';
import { DownloadError, downloadSlackFile } from './file-download.js';
import { userFacingMessage } from './errors.js';

/** What the worker needs of a message, stored with the inbox item so work survives a restart. */
export interface MessageWork {
  readonly channel: string;
  readonly ts: string;
  /** Where the answer goes: the message's thread, or a new thread under it. */
  readonly replyThreadTs: string;
  /** DMs and shortcuts always get an answer; channels only when there is KB954960 evidence. */
  readonly alwaysAnswer: boolean;
  readonly user?: string;
  readonly team?: string;
  readonly lang: Lang;
  readonly text?: string;
  readonly file?: SlackFileRef;
}

export interface SlackFileRef {
  readonly id: string;
  readonly name?: string;
  readonly size?: number;
  readonly mimetype?: string;
  readonly filetype?: string;
  readonly url?: string;
}

/** The fields of a Slack message event the bot reads. */
export interface IncomingMessage {
  readonly channel: string;
  readonly ts: string;
  readonly thread_ts?: string;
  readonly channel_type?: string;
  readonly user?: string;
  readonly team?: string;
  readonly text?: string;
  readonly files?: readonly {
    id: string;
    name?: string;
    size?: number;
    mimetype?: string;
    filetype?: string;
    url_private_download?: string;
    url_private?: string;
    mode?: string;
  }[];
}

export interface InboxOptions {
  readonly store: Store;
  readonly client: webApi.WebClient;
  readonly logger: Logger;
  readonly botToken: string;
  readonly apiHost: string;
  readonly maxBytes: number;
  readonly defaultLang: Lang;
  /** ADMIN_USER_IDS: whose pastes and uploads may record a server's versions and fix events. */
  readonly adminUserIds: readonly string[];
  readonly clock?: () => Date;
  /** Worker-level retries of a failed reply (on top of the Web API client's own). */
  readonly retry?: { readonly attempts: number; readonly baseMs: number };
  /** Another process's claim older than this is taken over. */
  readonly leaseMs?: number;
}

/** Items worked on at once: enough to overlap Slack round trips, few enough that acks still get the CPU. */
const INBOX_CONCURRENCY = 4;

/** Message metadata on every reply: how a resumed item finds out that its reply was already posted. */
export const REPLY_EVENT_TYPE = 'kb954960_reply';

/** Files the bot does not read: in channels it stays silent about them, in DMs it says what it reads. */
const NOT_LOGS = /^(image|video|audio)\/|^application\/(pdf|msword|vnd\.)/;

export function instanceId(): string {
  return `${hostname()}:${process.pid}:${Date.now().toString(36)}`;
}

/** A holder on this host whose process is gone (or is an earlier life of this very pid) is dead. */
function holderIsDead(holder: string, self: string): boolean {
  const [host, pidText] = holder.split(':');
  if (host !== hostname()) return false;
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
 * The durable inbox of Slack work. accept() runs before Slack gets its ack (a SQLite insert, no network), and the
 * work itself runs after: scan, record, reply in thread. A redelivery finds its key and is dropped; what a crash
 * interrupted is resumed by resumePending() at start, after checking whether its reply had already gone out.
 */
export class SlackInbox {
  readonly id = instanceId();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly queue: string[] = [];
  private running = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopping = false;

  constructor(private readonly o: InboxOptions) {}

  private now(): Date {
    return (this.o.clock ?? (() => new Date()))();
  }

  /** Records a message's work items; returns the keys that are new (empty: a redelivery, or nothing to do). */
  acceptMessage(m: IncomingMessage, options: { eventId?: string; keyPrefix?: string; alwaysAnswer?: boolean } = {}): string[] {
    const { eventId, keyPrefix = '', alwaysAnswer = false } = options;
    const text = m.text ? normalizeSlackText(m.text) : '';
    const base = {
      channel: m.channel,
      ts: m.ts,
      replyThreadTs: m.thread_ts ?? m.ts,
      alwaysAnswer: m.channel_type === 'im' || alwaysAnswer,
      user: m.user,
      team: m.team,
      lang: langOf(text, this.o.defaultLang),
    };
    const at = this.now().toISOString();
    const accepted: string[] = [];
    const items: { key: string; kind: 'message' | 'file'; work: MessageWork }[] = [];
    if (text.trim()) items.push({ key: `${keyPrefix}message:${m.channel}:${m.ts}`, kind: 'message', work: { ...base, text } });
    for (const f of m.files ?? []) {
      if (f.mode === 'tombstone' || f.mode === 'hidden_by_limit') continue;
      items.push({
        key: `${keyPrefix}file:${m.channel}:${m.ts}:${f.id}`,
        kind: 'file',
        work: { ...base, file: { id: f.id, name: f.name, size: f.size, mimetype: f.mimetype, filetype: f.filetype, url: f.url_private_download ?? f.url_private } },
      });
    }
    for (const item of items) {
      if (this.o.store.accept({ key: item.key, eventId, kind: item.kind, payload: item.work, at })) accepted.push(item.key);
    }
    return accepted;
  }

  /** Queues the work for these keys; it runs in the background (tracked for a graceful stop). */
  kick(keys: readonly string[]): void {
    this.queue.push(...keys);
    this.pump();
  }

  /**
   * Starts queued work, a few items at a time, each on a later turn of the event loop (setImmediate). With
   * processBeforeResponse, Bolt answers Slack only once the listener's promise settles, and a scan runs without real
   * I/O up to its reply; started at once, a burst of pastes would run every scan before the first ack went out.
   * One at a time per slot, the pending acks (network I/O) get the event loop between items.
   */
  private pump(): void {
    while (!this.stopping && this.running < INBOX_CONCURRENCY && this.queue.length > 0) {
      const key = this.queue.shift()!;
      this.running++;
      const work = new Promise<void>((r) => setImmediate(r))
        .then(() => this.process(key))
        .finally(() => {
          this.running--;
          this.pump();
        });
      this.track(work);
    }
  }

  /** Resumes work a previous run (or another process that died) left unfinished. */
  resumePending(): number {
    const items = this.o.store.pending();
    this.kick(items.map((i) => i.key));
    return items.length;
  }

  /** Stops taking work and waits for what is in flight. */
  async drain(): Promise<void> {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Resolves when no work is in flight (tests, benchmarks). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0 || this.timers.size > 0 || this.queue.length > 0) {
      await Promise.allSettled([...this.inFlight]);
      if (this.timers.size > 0) await new Promise((r) => setTimeout(r, 10));
    }
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async process(key: string): Promise<void> {
    if (this.stopping) return;
    const o = this.o;
    const now = this.now();
    const leaseExpiredBefore = new Date(now.getTime() - (o.leaseMs ?? 120_000)).toISOString();
    const item = o.store.take(key, this.id, now.toISOString(), leaseExpiredBefore, (h) => holderIsDead(h, this.id));
    if (!item) return;
    const work = item.payload as MessageWork;
    const log = o.logger.child({ key, attempt: item.attempts });
    try {
      if (item.attempts > 1) {
        const earlier = await this.findEarlierReply(work, key);
        if (earlier) {
          o.store.finish(key, 'replied', this.now().toISOString(), earlier, item.diagnosisId);
          log.info({ reply_ts: earlier }, 'reply was already posted before a restart');
          return;
        }
      }
      const answer = await this.answer(work);
      if (!answer.message) {
        o.store.finish(key, answer.outcome, this.now().toISOString(), null, answer.diagnosisId);
        return;
      }
      const posted = await o.client.chat.postMessage({
        channel: work.channel,
        thread_ts: work.replyThreadTs,
        text: answer.message.text,
        blocks: answer.message.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { key } },
      });
      o.store.finish(key, answer.outcome, this.now().toISOString(), posted.ts ?? null, answer.diagnosisId);
      log.info({ outcome: answer.outcome, reply_ts: posted.ts }, 'answered');
    } catch (e) {
      this.retryLater(item, e, log);
    }
  }

  private retryLater(item: InboxItem, e: unknown, log: Logger): void {
    const retry = this.o.retry ?? { attempts: 6, baseMs: 2000 };
    const retryAfterSec = (e as { retryAfter?: number }).retryAfter;
    if (this.stopping) {
      this.o.store.release(item.key); // the next start resumes it
      log.warn({ err: e }, 'reply failed while stopping; left for the next start');
      return;
    }
    if (item.attempts >= retry.attempts) {
      this.o.store.finish(item.key, 'failed', this.now().toISOString());
      log.error({ err: e }, 'giving up on this Slack reply');
      return;
    }
    this.o.store.release(item.key);
    const delay = Math.max(retryAfterSec ? retryAfterSec * 1000 : 0, retry.baseMs * 2 ** (item.attempts - 1));
    log.warn({ err: e, delay_ms: delay }, 'reply failed; will retry');
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.kick([item.key]);
    }, delay);
    this.timers.add(timer);
  }

  private async findEarlierReply(work: MessageWork, key: string): Promise<string | null> {
    const res = await this.o.client.conversations.replies({ channel: work.channel, ts: work.replyThreadTs, include_all_metadata: true, limit: 200 });
    const mine = (res.messages ?? []).find((m) => {
      const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
      return meta?.event_type === REPLY_EVENT_TYPE && meta.event_payload?.key === key;
    });
    return mine?.ts ?? null;
  }

  /** Diagnoses the work item and decides what (if anything) to say. */
  private async answer(work: MessageWork): Promise<{ outcome: 'replied' | 'silent' | 'refused'; message?: SlackMessage; diagnosisId?: number | null }> {
    const o = this.o;
    const file = work.file;
    let chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
    if (file) {
      const looksLikeLog = !NOT_LOGS.test(file.mimetype ?? '');
      if (!looksLikeLog) return work.alwaysAnswer ? { outcome: 'refused', message: plain(notALog(work.lang)) } : { outcome: 'silent' };
      if (file.size !== undefined && file.size > o.maxBytes) {
        return { outcome: 'refused', message: plain(userFacingMessage(new InputError('too-large', 'too large'), work.lang, o.maxBytes, file.name)) };
      }
      const url = file.url ?? (await o.client.files.info({ file: file.id })).file?.url_private_download;
      if (!url) return { outcome: 'refused', message: plain(userFacingMessage(new DownloadError('no link'), work.lang, o.maxBytes, file.name)) };
      chunks = downloadSlackFile(url, { token: o.botToken, apiHost: o.apiHost, maxBytes: o.maxBytes });
    } else {
      chunks = [Buffer.from(work.text ?? '', 'utf8')];
    }
    let result: CheckResult;
    try {
      result = await check({
        inputs: [{ name: file?.name, chunks }],
        lang: work.lang,
        maxBytes: o.maxBytes,
        now: this.now(),
        store: o.store,
        save: 'if-evidence',
        // The sender of the message, or whoever ran the shortcut on it.
        mayRecordFacts: isAdmin({ userId: work.user, adminUserIds: o.adminUserIds }),
        record: { origin: file ? 'file' : 'message', sourceName: file?.name ?? null, teamId: work.team, channelId: work.channel, messageTs: work.ts, userId: work.user },
      });
    } catch (e) {
      if (e instanceof InputError || e instanceof DownloadError) {
        // A refused upload gets a clear threaded answer; refused chatter in a channel gets none.
        if (!file && !work.alwaysAnswer) return { outcome: 'silent' };
        return { outcome: 'refused', message: plain(userFacingMessage(e, work.lang, o.maxBytes, file?.name)) };
      }
      throw e;
    }
    const { diagnosis, diagnosisId, withheld } = result;
    if (diagnosis.hasEvidence) {
      const message = renderBlocks(diagnosis);
      return { outcome: 'replied', message: withheld ? withNotRecorded(message, notRecordedText(withheld, o.adminUserIds, work.lang)) : message, diagnosisId };
    }
    // Nothing of KB954960: silence in channels, a short answer in a DM.
    if (!work.alwaysAnswer) return { outcome: 'silent' };
    return { outcome: 'replied', message: plain(t('nothingFound', work.lang)) };
  }
}

/** A sentence as a message. Escaped: it can carry a file name, and `<!channel>.log` must not ping a channel. */
function plain(text: string): SlackMessage {
  const safe = escapeMrkdwn(text);
  return { text: safe, blocks: [section(safe)] };
}

function notALog(lang: Lang): string {
  return lang === 'ja'
    ? '読めるのはテキストのログ (.log, .txt, スニペット) と、その .gz だけです。'
    : 'I read text logs (.log, .txt, snippets) and gzip\'d ones; this file is not one.';
}
