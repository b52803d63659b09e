import type { webApi } from '@slack/bolt';
import type { InboxItem, Storage } from '../../store/port.js';
import { isAdmin } from '../../admins.js';
import type { Metrics } from '../../metrics.js';
import { check, worthRecording, type CheckInput, type CheckResult } from '../../check.js';
import { isChatLine } from '../../detect/log-shape.js';
import type { Diagnosis } from '../../diagnose/diagnose.js';
import { openLogs } from '../../ingest/archive.js';
import type { Lang } from '../../lang.js';
import { formatBytes, InputError, tailReadLimit, type DecodedInfo, type TailInfo } from '../../ingest/decode.js';
import { normalizeSlackText } from '../../ingest/slack-text.js';
import type { Logger } from '../../log.js';
import { escapeMrkdwn, section, type SlackMessage } from '../../render/blocks.js';
import { renderDiagnosisBlocks } from '../../render/diagnosis-blocks.js';
import { langOf, VERDICT_EMOJI } from '../../render/i18n.js';
import { msg } from '../../render/messages/index.js';
import { notRecordedText, withNotRecorded } from '../../render/not-recorded.js';
import { renderCodePointer, renderProblemReply } from '../../render/problem-reply.js';
import { refusalText, renderRefusals, type Refusal } from '../../render/refusals.js';
import { refusalOf } from '../errors.js';
import { DownloadError, downloadSlackFile } from '../file-download.js';
import type { WorkHandler, WorkItem, WorkResult } from '../inbox.js';
import { askedAnswer, hintLine } from './ask.js';
import { asksWhichServer, contextServer, conversationAnswer, earlierReplyTo, withAttribution } from './attribution.js';
import { retractKey } from './retract.js';

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
  /** The message mentions the bot: it always gets an answer, and a question in it is answered (ask.ts). */
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

/** Files the bot does not read: in channels it stays silent about them, in DMs it says what it reads. */
const NOT_LOGS = /^(image|video|audio)\/|^application\/(pdf|msword|vnd\.)/;
const EVTX_NAME = /\.evtx$/i;

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
    .map((f): SlackFileRef => ({ id: f.id, name: f.name, size: f.size, mimetype: f.mimetype, filetype: f.filetype, url: f.url_private_download ?? f.url_private }));
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

/** Works a message or file item: diagnose, record, reply in its thread (once, also across a crash). */
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
    // Deleted before its turn came: nothing of it is to count, nothing to answer.
    if (await d.store.inbox.item(retractKey(work.channel, work.ts))) return { outcome: 'silent' };
    const earlierReply = work.edit ? await earlierReplyTo(d.store, work.channel, work.ts) : null;
    // An edited message is diagnosed again: what its earlier text showed no longer stands as its diagnosis.
    const retracted = work.edit ? await d.store.history.retractMessage(work.channel, work.ts, ['message']) : 0;
    const answer = await answerMessage(d, work, item.key);
    if (!answer.message && earlierReply && retracted > 0) {
      // Edited so that it no longer holds the log ("moved to #wsus-ops"): the answer says its diagnosis was withdrawn.
      const withdrawn = plain(msg(work.lang).retractedAfterEdit);
      await d.client.chat.update({ channel: work.channel, ts: earlierReply, text: withdrawn.text, blocks: withdrawn.blocks });
      log.info({ reply_ts: earlierReply, retracted }, 'diagnosis withdrawn after an edit');
      return { outcome: 'replied', replyTs: earlierReply };
    }
    if (!answer.message) return { outcome: answer.outcome, diagnosisId: answer.diagnosisId };
    if (earlierReply) {
      // An edited message that was answered before: the answer follows the edit instead of a second reply.
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

/** Diagnoses the message (its text and files together) and decides what, if anything, to say. */
async function answerMessage(d: MessageWorkerDeps, work: MessageWork, key: string): Promise<Answer> {
  const files = work.files ?? (work.file ? [work.file] : []);
  const mayRecordFacts = isAdmin({ userId: work.user, adminUserIds: d.adminUserIds }); // the sender, or whoever ran the shortcut
  // Talking to the bot (a mention, a DM) without a file: the answer to "which server?" in a thread, else a question of
  // the table (status, help, a server, a code, the lists) — read before the scan: "what does 0x8024400E mean?" asks
  // for the code's meaning, not a diagnosis. A log never reads as a question (a question is one whole line).
  const talking = files.length === 0 && (!!work.mentioned || !!work.direct);
  if (talking) {
    const said = (await conversationAnswer(d, work, mayRecordFacts)) ?? (await askedAnswer(d, work));
    if (said === 'silent') return { outcome: 'silent' };
    if (said) return { outcome: 'replied', message: said };
    // "@kb954960" and nothing else: what it can do, in one line.
    if (!work.text?.trim()) return { outcome: 'replied', message: hintLine(work.lang) };
  }
  const opened = await openMessageInputs(d, work, files);
  const refusals = opened.refusals.map((r) => refusalText(r.refusal, work.lang, { maxBytes: d.maxBytes, fileName: r.name }));
  const say = (lines: readonly string[]): Answer => ({ outcome: 'refused', message: renderRefusals(lines) });
  if (opened.inputs.length === 0) return refusals.length > 0 ? say(refusals) : { outcome: 'silent' };

  const tails: { name: string; tail: TailInfo }[] = [];
  // A chat line that merely mentions a code of the KB ("is 0x8024400E KB954960?") is a question for people: silence
  // in a channel (people are talking, not asking the bot), one pointer to what to paste in a DM — no
  // verdict, and no diagnosis in the history. A line with the whole signature, a version or the fix is read.
  const onlyAPointer = (diag: Diagnosis) => files.length === 0 && diag.verdict === 'possible' && isChatLine(work.text ?? '');
  // The same for a chat line that only names a failure code: a question, not a log of the server's.
  const onlyACode = (diag: Diagnosis) => files.length === 0 && !diag.hasEvidence && isChatLine(work.text ?? '');
  let result: CheckResult;
  const scanStarted = performance.now();
  try {
    result = await check({
      inputs: opened.inputs.map((i) => ({ ...i, onInfo: (info: DecodedInfo) => void (info.tail && tails.push({ name: i.name ?? '', tail: info.tail })) })),
      lang: work.lang,
      maxBytes: d.maxBytes,
      now: d.clock(),
      store: d.store,
      save: (diag) => worthRecording(diag) && !onlyAPointer(diag) && !onlyACode(diag),
      offThread: true,
      contextServer: await contextServer(d.store, work),
      mayRecordFacts,
      record: {
        origin: files.length > 0 ? 'file' : 'message',
        sourceName: files.map((f) => f.name ?? f.id).join(', ') || null,
        teamId: work.team,
        channelId: work.channel,
        messageTs: work.ts,
        threadTs: work.replyThreadTs,
        userId: work.user,
      },
    });
    d.metrics?.scans.inc();
    d.metrics?.scanBytes.inc(result.scannedBytes);
    d.metrics?.scanSeconds.observe((performance.now() - scanStarted) / 1000);
  } catch (e) {
    if (e instanceof InputError || e instanceof DownloadError) {
      // A refused upload gets a clear threaded answer where it may be a log; refused chatter in a channel gets none.
      const name = files.length === 1 ? files[0]!.name : undefined;
      if (!work.alwaysAnswer && (files.length === 0 || !(e instanceof DownloadError || namedLikeLog(name) || e.problem !== 'binary'))) return { outcome: 'silent' };
      return say([...refusals, refusalText(refusalOf(e), work.lang, { maxBytes: d.maxBytes, fileName: name })]);
    }
    throw e;
  }
  const { diagnosis, diagnosisId, withheld } = result;
  // Said under the verdict: which part of a long log was read, and which files were not.
  const remarks = [
    ...tails.map(({ name, tail }) => escapeMrkdwn(msg(work.lang).partRead({ file: name, limit: formatBytes(d.maxBytes), kept: formatBytes(tail.keptBytes), skipped: tail.skippedLines.toLocaleString('en-US') }))),
    ...refusals.map(escapeMrkdwn),
  ];
  if (diagnosis.hasEvidence) {
    if (onlyAPointer(diagnosis)) return work.alwaysAnswer ? { outcome: 'replied', message: plain(msg(work.lang).chatPointer) } : { outcome: 'silent' };
    const repeat = work.inThread ? await repeatNote(d, work, key, diagnosis) : null;
    if (repeat) return { outcome: 'replied', message: repeat, diagnosisId };
    const message = renderDiagnosisBlocks(diagnosis, { diagnosisId, remarks, askingServer: asksWhichServer(result) });
    const shown = withheld ? withNotRecorded(message, notRecordedText(withheld, d.adminUserIds, work.lang), diagnosis) : message;
    return { outcome: 'replied', message: await withAttribution(d, work, result, shown), diagnosisId };
  }
  const conversation = files.length === 0 && !talking ? await conversationAnswer(d, work, mayRecordFacts) : null;
  if (conversation) return { outcome: 'replied', message: conversation };
  // Not KB954960, but the input fails: a log (or file) gets the problem and its codes explained; a chat line that
  // merely mentions a code is for people in a channel, and gets a one-block pointer in a DM.
  if (diagnosis.errors.length > 0 || diagnosis.problems.length > 0) {
    if (onlyACode(diagnosis)) return work.alwaysAnswer ? { outcome: 'replied', message: renderCodePointer(diagnosis) } : { outcome: 'silent' };
    return { outcome: 'replied', message: renderProblemReply(diagnosis), diagnosisId };
  }
  // Files it could not read are said, also in a channel (only those whose name says they are logs were kept).
  if (refusals.length > 0) return say(work.alwaysAnswer ? [msg(work.lang).nothingFound, ...refusals] : refusals);
  // Nothing of KB954960: silence in channels, a short answer in a DM or to a mention (an edit without evidence: silence).
  if (!work.alwaysAnswer || work.edit) return { outcome: 'silent' };
  // A chat line the bot has no answer to: one line on what it does, not what it looked for in a log.
  if (talking && isChatLine(work.text ?? '')) return { outcome: 'replied', message: hintLine(work.lang) };
  return { outcome: 'replied', message: plain(msg(work.lang).nothingFound) };
}

/** A file whose name says it is a log (or an archive or export of logs): refusing it in a channel is useful, not noise. */
const LOG_NAME = /\.(log|txt|gz|zip|evtx)$|log/i;
function namedLikeLog(name: string | undefined): boolean {
  return !!name && LOG_NAME.test(name);
}

/**
 * The same server, verdict and server state already answered in this thread: one line, not the whole reply again.
 * A paste that changed what is known of the server (RTM → SP1, a DLL found missing) is news, answered in full.
 */
async function repeatNote(d: MessageWorkerDeps, work: MessageWork, key: string, diagnosis: Diagnosis): Promise<SlackMessage | null> {
  const earlier = await d.store.inbox.answeredInThread(work.channel, work.replyThreadTs, key);
  if (diagnosis.notes.some((n) => n.kind === 'dll-absent')) return null;
  if (!earlier.some((e) => e.server === diagnosis.server && e.verdict === diagnosis.verdict && e.serverState === diagnosis.serverState)) return null;
  const lang = work.lang;
  return plainMrkdwn(
    msg(lang).repeatInThread({ emoji: VERDICT_EMOJI[diagnosis.verdict], server: diagnosis.server ? `*${escapeMrkdwn(diagnosis.server)}*` : msg(lang).status.noServerName, verdict: msg(lang).verdictWord[diagnosis.verdict] }),
  );
}

interface OpenedInputs {
  readonly inputs: CheckInput[];
  readonly refusals: { name?: string; refusal: Refusal }[];
}

/**
 * The message's text and files as inputs to one check. Files the bot does not read are set aside with the refusal
 * to give — in a DM, or where the name says it is a log; a channel's screenshots and PDFs pass in silence. A ZIP
 * becomes its text logs; a log over the cap is read in its most recent part (tail), never refused.
 */
async function openMessageInputs(d: MessageWorkerDeps, work: MessageWork, files: readonly SlackFileRef[]): Promise<OpenedInputs> {
  const inputs: CheckInput[] = [];
  const refusals: { name?: string; refusal: Refusal }[] = [];
  if (work.text?.trim()) inputs.push({ chunks: [Buffer.from(work.text, 'utf8')] });
  const set = (f: SlackFileRef, refusal: Refusal) => {
    if (work.alwaysAnswer || namedLikeLog(f.name) || refusal.kind === 'download') refusals.push({ name: f.name, refusal });
  };
  for (const f of files) {
    const name = f.name ?? f.id;
    if (NOT_LOGS.test(f.mimetype ?? '')) {
      set(f, { kind: 'not-a-log' });
      continue;
    }
    if (EVTX_NAME.test(name)) {
      set(f, { kind: 'input', problem: 'event-log' });
      continue;
    }
    const readCap = tailReadLimit(d.maxBytes);
    if (f.size !== undefined && f.size > readCap) {
      set(f, { kind: 'input', problem: 'too-large' });
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

/** A sentence as a message. Escaped: it can carry a file name, and `<!channel>.log` must not ping a channel. */
function plain(text: string): SlackMessage {
  return plainMrkdwn(escapeMrkdwn(text));
}

function plainMrkdwn(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [section(mrkdwn)] };
}
