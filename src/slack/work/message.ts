import type { webApi } from '@slack/bolt';
import { answerIntent } from '../../../commands/ask.js';
import type { Reply } from '../../../commands/types.js';
import type { InboxItem, Storage } from '../../store/port.js';
import { isAdmin } from '../../admins.js';
import { recordFor, type RecordForResult } from '../../attribute.js';
import { check, type CheckInput, type CheckResult, type ScanStrategy } from '../../check.js';
import {
  afterCheck,
  afterRecording,
  afterTable,
  beforeScan,
  delivery,
  keepsDiagnosis,
  nothingOpened,
  onRefusedInput,
  saysRefusal,
  threadReplyName,
  unreadFile,
  type Decision,
  type Incoming,
  type ThreadQuestion,
} from '../../conversation/reply.js';
import type { Metrics } from '../../metrics.js';
import { openLogs } from '../../ingest/archive.js';
import type { Lang } from '../../lang.js';
import { InputError, tailReadLimit, type DecodedInfo, type TailInfo } from '../../ingest/decode.js';
import { normalizeSlackText } from '../../ingest/slack-text.js';
import type { Logger } from '../../log.js';
import { scanOffThread } from '../../scan/runner.js';
import type { SlackMessage } from '../../render/blocks.js';
import { langOf } from '../../render/i18n.js';
import type { Refusal } from '../../render/refusals.js';
import { renderReply } from '../../render/reply.js';
import { refusalOf } from '../errors.js';
import { DownloadError, downloadSlackFile } from '../file-download.js';
import { retractKey, type WorkHandler, type WorkItem, type WorkResult } from '../inbox.js';
import { attributionParts, contextServer, earlierReplyTo, keepThreadLink, markQuestionAnswered } from './attribution.js';

/** What the worker needs of a message, stored with the inbox item so work survives a restart. */
export interface MessageWork {
  readonly channel: string;
  readonly ts: string;
  /** Where the answer goes: the message's thread, or a new thread under it. */
  readonly replyThreadTs: string;
  /** The message was posted in a thread (not its first message): a repeat there gets a one-line note. */
  readonly inThread?: boolean;
  /** DMs and shortcuts always get an answer; channels only for KB954960 evidence or a log that fails. */
  readonly alwaysAnswer: boolean;
  readonly user?: string;
  readonly team?: string;
  readonly lang: Lang;
  readonly text?: string;
  /** The message's files: diagnosed together with its text, answered in one reply. */
  readonly files?: readonly SlackFileRef[];
  /** One file per item, as versions before one-reply-per-message queued them (read when such work is resumed). */
  readonly file?: SlackFileRef;
  /** The message mentions the bot: it always gets an answer, and a question in it is answered (src/conversation/reply.ts). */
  readonly mentioned?: boolean;
  /** A DM to the bot (not a shortcut run there): a question in it is answered, small talk gets one line. */
  readonly direct?: boolean;
  /** The message was edited to this text: an earlier answer to it is updated, not repeated. */
  readonly edit?: boolean;
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

/** Message metadata on every reply: how a resumed item finds out that its reply was already posted. */
export const REPLY_EVENT_TYPE = 'kb954960_reply';

/** A message's work: its text and its files as ONE item (one reply per message), keyed by channel and ts. */
export function messageItems(
  m: IncomingMessage,
  options: { defaultLang: Lang; eventId?: string; keyPrefix?: string; alwaysAnswer?: boolean; botUserId?: string; edit?: boolean },
): WorkItem[] {
  const { eventId, keyPrefix = '', alwaysAnswer = false } = options;
  // The same message may come as a `message` and as an `app_mention` event: both must make the same payload (the
  // first one's key wins), so whether it mentions the bot is read from the text, not from the event type.
  const mentioned = !!options.botUserId && (m.text ?? '').includes(`<@${options.botUserId}`);
  // Mentions are addressed to people, not part of a log.
  const text = m.text ? normalizeSlackText(m.text.replace(/<@[UW][A-Z0-9]+(?:\|[^>]*)?>/g, '')) : '';
  const files = (m.files ?? [])
    .filter((f) => f.mode !== 'tombstone' && f.mode !== 'hidden_by_limit')
    .map(
      (f): SlackFileRef => ({ id: f.id, name: f.name, size: f.size, mimetype: f.mimetype, filetype: f.filetype, url: f.url_private_download ?? f.url_private }),
    );
  if (!text.trim() && files.length === 0 && !mentioned) return [];
  const work: MessageWork = {
    channel: m.channel,
    ts: m.ts,
    replyThreadTs: m.thread_ts ?? m.ts,
    inThread: !!m.thread_ts && m.thread_ts !== m.ts,
    alwaysAnswer: m.channel_type === 'im' || alwaysAnswer || mentioned,
    user: m.user,
    team: m.team,
    lang: langOf(text, options.defaultLang),
    ...(text.trim() ? { text } : {}),
    ...(files.length > 0 ? { files } : {}),
    ...(mentioned ? { mentioned } : {}),
    ...(m.channel_type === 'im' && !alwaysAnswer ? { direct: true } : {}),
    ...(options.edit ? { edit: true } : {}),
  };
  return [{ key: `${keyPrefix}message:${m.channel}:${m.ts}`, kind: files.length > 0 ? 'file' : 'message', eventId, payload: work }];
}

export interface MessageWorkerDeps {
  readonly store: Storage;
  readonly client: webApi.WebClient;
  readonly botToken: string;
  /** Host (host[:port]) of SLACK_API_URL: where else the bot token may go. */
  readonly apiHost: string;
  readonly maxBytes: number;
  /** ADMIN_USER_IDS: whose pastes and uploads may record a server's versions and fix events. */
  readonly adminUserIds: readonly string[];
  readonly clock: () => Date;
  /** Scans: how many, their bytes and time. */
  readonly metrics?: Metrics;
}

type Answer = { outcome: 'replied' | 'silent' | 'refused'; message?: SlackMessage; diagnosisId?: number | null };

/**
 * Works a message or file item: reads what the reply policy (src/conversation/reply.ts) needs, asks it what to do,
 * writes what it says, renders the reply and posts it in the message's thread (once, also across a crash).
 */
export function messageWorker(d: MessageWorkerDeps): WorkHandler {
  return async (item: InboxItem, log: Logger): Promise<WorkResult> => {
    const work = item.payload as MessageWork;
    if (item.attempts > 1) {
      const earlier = await findEarlierReply(d.client, work, item.key);
      if (earlier) {
        log.info({ reply_ts: earlier }, 'reply was already posted before a restart');
        return { outcome: 'replied', replyTs: earlier, diagnosisId: item.diagnosisId };
      }
    }
    // Deleted before its turn came: nothing of it is to count, nothing to answer (and nothing of it to retract here).
    const deleted = !!(await d.store.inbox.item(retractKey(work.channel, work.ts)));
    const earlierReply = work.edit && !deleted ? await earlierReplyTo(d.store, work.channel, work.ts) : null;
    // An edited message is diagnosed again: what its earlier text showed no longer stands as its diagnosis.
    const retracted = work.edit && !deleted ? await d.store.history.retractMessage(work.channel, work.ts, ['message']) : 0;
    const answer = await answerMessage(d, work, deleted, item.key);
    const how = delivery(answer.decided, { earlierReply, retracted });
    if (how === 'withdraw' && earlierReply) {
      const withdrawn = renderReply({ kind: 'withdrawn' }, { lang: work.lang, adminUserIds: d.adminUserIds })!;
      await d.client.chat.update({ channel: work.channel, ts: earlierReply, text: withdrawn.text, blocks: withdrawn.blocks });
      log.info({ reply_ts: earlierReply, retracted }, 'diagnosis withdrawn after an edit');
      return { outcome: 'replied', replyTs: earlierReply };
    }
    if (!answer.message || how === 'none') return { outcome: answer.outcome, diagnosisId: answer.diagnosisId };
    if (how === 'update' && earlierReply) {
      await d.client.chat.update({ channel: work.channel, ts: earlierReply, text: answer.message.text, blocks: answer.message.blocks });
      log.info({ outcome: answer.outcome, reply_ts: earlierReply }, 'answer updated after an edit');
      return { outcome: answer.outcome, replyTs: earlierReply, diagnosisId: answer.diagnosisId };
    }
    const posted = await d.client.chat.postMessage({
      channel: work.channel,
      thread_ts: work.replyThreadTs,
      text: answer.message.text,
      blocks: answer.message.blocks,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: REPLY_EVENT_TYPE, event_payload: { key: item.key } },
    });
    log.info({ outcome: answer.outcome, reply_ts: posted.ts }, 'answered');
    return { outcome: answer.outcome, replyTs: posted.ts ?? null, diagnosisId: answer.diagnosisId };
  };
}

async function findEarlierReply(client: webApi.WebClient, work: MessageWork, key: string): Promise<string | null> {
  const res = await client.conversations.replies({ channel: work.channel, ts: work.replyThreadTs, include_all_metadata: true, limit: 200 });
  const mine = (res.messages ?? []).find((m) => {
    const meta = (m as { metadata?: { event_type?: string; event_payload?: { key?: string } } }).metadata;
    return meta?.event_type === REPLY_EVENT_TYPE && meta.event_payload?.key === key;
  });
  return mine?.ts ?? null;
}

/** The message as the reply policy reads it. */
function incomingOf(work: MessageWork): Incoming {
  return {
    ts: work.ts,
    lang: work.lang,
    text: work.text,
    files: filesOf(work),
    inThread: !!work.inThread,
    alwaysAnswer: work.alwaysAnswer,
    mentioned: !!work.mentioned,
    direct: !!work.direct,
    edit: !!work.edit,
  };
}

function filesOf(work: MessageWork): readonly SlackFileRef[] {
  return work.files ?? (work.file ? [work.file] : []);
}

/** What was read or made on the way that the reply shows: the table's answer, the refusals, the check's result. */
interface Shown {
  readonly admin: boolean;
  readonly table?: Reply | null;
  readonly refused?: readonly { name?: string; refusal: Refusal }[];
  readonly result?: CheckResult;
  readonly partsRead?: readonly { name: string; tail: TailInfo }[];
}

/** Reads, asks the reply policy, and carries out its decision (the records written, the reply rendered). */
async function answerMessage(d: MessageWorkerDeps, work: MessageWork, deleted: boolean, key: string): Promise<Answer & { decided: Decision }> {
  const m = incomingOf(work);
  const files = filesOf(work);
  const admin = isAdmin({ userId: work.user, adminUserIds: d.adminUserIds }); // the sender, or whoever ran the shortcut
  const threadQuestion = !deleted && threadReplyName(m) ? await openQuestion(d.store, work) : null;
  const first = beforeScan(m, { deleted, admin, threadQuestion });
  if (first.do === 'ask-table') {
    const table = await answerIntent(first.intent, {
      store: d.store,
      lang: work.lang,
      now: d.clock(),
      userId: work.user,
      channelId: work.channel,
      adminUserIds: d.adminUserIds,
    });
    return carryOut(d, work, afterTable(m, first.intent, !!table), { admin, table });
  }
  if (first.do !== 'scan') return carryOut(d, work, first, { admin });

  const opened = await openMessageInputs(d, m, files);
  const refused = opened.refusals;
  if (opened.inputs.length === 0) return carryOut(d, work, nothingOpened(refused.length), { admin, refused });
  const tails: { name: string; tail: TailInfo }[] = [];
  let result: CheckResult;
  const scanStarted = performance.now();
  try {
    result = await check(
      {
        inputs: opened.inputs.map((i) => ({ ...i, onInfo: (info: DecodedInfo) => void (info.tail && tails.push({ name: i.name ?? '', tail: info.tail })) })),
        lang: work.lang,
        now: d.clock(),
        contextServer: await contextServer(d.store, work),
        mayRecordFacts: admin,
        from: {
          origin: files.length > 0 ? 'file' : 'message',
          sourceName: files.map((f) => f.name ?? f.id).join(', ') || null,
          teamId: work.team,
          channelId: work.channel,
          messageTs: work.ts,
          threadTs: work.replyThreadTs,
          userId: work.user,
        },
      },
      // Chatter in Slack is not history: the reply policy says which diagnoses are kept.
      { storage: d.store, scan: botScan(d.maxBytes), record: { kind: 'when', keep: (diag) => keepsDiagnosis(m, diag) } },
    );
    d.metrics?.scans.inc();
    d.metrics?.scanBytes.inc(result.scannedBytes);
    d.metrics?.scanSeconds.observe((performance.now() - scanStarted) / 1000);
  } catch (e) {
    if (!(e instanceof InputError || e instanceof DownloadError)) throw e;
    const name = files.length === 1 ? files[0]!.name : undefined;
    const decided = onRefusedInput(m, { download: e instanceof DownloadError, ...(e instanceof InputError ? { problem: e.problem } : {}) });
    return carryOut(d, work, decided, { admin, refused: [...refused, { name, refusal: refusalOf(e) }] });
  }
  const { diagnosis, diagnosisId, withheld } = result;
  const earlierInThread = work.inThread && diagnosis.hasEvidence ? await d.store.inbox.answeredInThread(work.channel, work.replyThreadTs, key) : [];
  const decided = afterCheck(m, { admin, threadQuestion, diagnosis, diagnosisId, withheld: withheld !== null, refusals: refused.length, earlierInThread });
  return carryOut(d, work, decided, { admin, refused, result, partsRead: tails });
}

/** The thread's open "which server?" question, as the store has it now. */
async function openQuestion(store: Storage, work: MessageWork): Promise<ThreadQuestion | null> {
  const pending = await store.attribution.unattributedInThread(work.channel, work.replyThreadTs);
  if (!pending) return null;
  const report = await store.attribution.diagnosisReport(pending.id);
  return { diagnosisId: pending.id, replyTs: pending.replyTs, report: report ? { server: report.server } : 'gone' };
}

/** Writes what the decision records, renders its reply and, for a thread's answer, edits the question. */
async function carryOut(d: MessageWorkerDeps, work: MessageWork, decided: Decision, shown: Shown): Promise<Answer & { decided: Decision }> {
  let final = decided;
  let recorded: RecordForResult | null = null;
  for (const w of decided.do === 'reply' ? (decided.writes ?? []) : []) {
    if (w.kind === 'record-for') {
      recorded = await recordFor({ store: d.store, diagnosisId: w.diagnosisId, server: w.server, now: d.clock(), mayRecordFacts: shown.admin, by: work.user });
      final = afterRecording(decided, recorded);
      if (recorded.kind !== 'recorded') break; // nothing recorded: no link to keep
    } else await keepThreadLink(d.client, d.store, w.diagnosisId, work.channel, w.ts);
  }
  if (final.do === 'silent') return { outcome: 'silent', decided: final };
  const { reply } = final;
  const r = shown.result;
  const message = renderReply(reply, {
    lang: work.lang,
    adminUserIds: d.adminUserIds,
    table: shown.table,
    refused: shown.refused,
    partsRead: shown.partsRead,
    maxBytes: d.maxBytes,
    ...(r ? { diagnosis: r.diagnosis, diagnosisId: r.diagnosisId, withheld: r.withheld } : {}),
    ...(reply.kind === 'diagnosis' && r ? { attribution: await attributionParts(d, r, reply.askServer) } : {}),
    ...(recorded?.kind === 'recorded' ? { recorded: { ...recorded, by: work.user } } : {}),
  });
  if (!message) return { outcome: 'silent', decided: { do: 'silent' } };
  if (reply.kind === 'thread-recorded' && reply.questionTs && recorded?.kind === 'recorded') {
    // The question itself becomes what was recorded, as a button's answer does: no one answers it again.
    await markQuestionAnswered(d.client, { channel: work.channel, threadTs: work.replyThreadTs, ts: reply.questionTs }, message.text, recorded);
  }
  return { outcome: final.outcome, message, diagnosisId: final.diagnosisId, decided: final };
}

/** A message's text or one of its files; an upload over the cap is read in its most recent part. */
interface BotInput extends CheckInput {
  readonly tail?: boolean;
}

/**
 * How the bot reads a message's inputs: large ones on the scan thread, so its event loop keeps acking Slack during a
 * burst of big pastes (src/scan/runner.ts); an upload over the cap in its most recent part, never refused.
 */
function botScan(maxBytes: number): ScanStrategy<BotInput> {
  return { scan: (input) => scanOffThread(input.chunks, { maxBytes, tail: input.tail }, input.onInfo) };
}

interface OpenedInputs {
  readonly inputs: BotInput[];
  readonly refusals: { name?: string; refusal: Refusal }[];
}

/**
 * The message's text and files as inputs to one check. Files the bot does not read are set aside with the refusal
 * to give where the policy says it is said (saysRefusal); a channel's screenshots and PDFs pass in silence. A ZIP
 * becomes its text logs; a log over the cap is read in its most recent part (tail), never refused.
 */
async function openMessageInputs(d: MessageWorkerDeps, m: Incoming, files: readonly SlackFileRef[]): Promise<OpenedInputs> {
  const inputs: BotInput[] = [];
  const refusals: { name?: string; refusal: Refusal }[] = [];
  if (m.text?.trim()) inputs.push({ chunks: [Buffer.from(m.text, 'utf8')] });
  const set = (f: SlackFileRef, refusal: Refusal) => {
    if (saysRefusal(m, f, refusal.kind === 'download')) refusals.push({ name: f.name, refusal });
  };
  const readCap = tailReadLimit(d.maxBytes);
  for (const f of files) {
    const name = f.name ?? f.id;
    const unread = unreadFile({ name, mimetype: f.mimetype, size: f.size }, readCap);
    if (unread) {
      set(f, unread === 'not-a-log' ? { kind: 'not-a-log' } : { kind: 'input', problem: unread });
      continue;
    }
    try {
      const url = f.url ?? (await d.client.files.info({ file: f.id })).file?.url_private_download;
      if (!url) throw new DownloadError({ kind: 'no-link' });
      const chunks = downloadSlackFile(url, { token: d.botToken, apiHost: d.apiHost, maxBytes: readCap });
      for (const log of await openLogs(chunks, name, { maxBytes: d.maxBytes })) inputs.push({ name: log.name, chunks: log.chunks, tail: true });
    } catch (e) {
      if (!(e instanceof InputError || e instanceof DownloadError)) throw e;
      set(f, refusalOf(e));
    }
  }
  return { inputs, refusals };
}
