import type { webApi } from '@slack/bolt';
import type { InboxItem, Store } from '../../../db/store.js';
import { isAdmin } from '../../admins.js';
import { check, type CheckResult } from '../../check.js';
import { isChatLine } from '../../detect/log-shape.js';
import type { Lang } from '../../detect/types.js';
import { InputError } from '../../ingest/decode.js';
import { normalizeSlackText } from '../../ingest/slack-text.js';
import type { Logger } from '../../log.js';
import { escapeMrkdwn, section, type SlackMessage } from '../../render/blocks.js';
import { renderDiagnosisBlocks } from '../../render/diagnosis-blocks.js';
import { langOf, t } from '../../render/i18n.js';
import { notRecordedText, withNotRecorded } from '../../render/not-recorded.js';
import { renderCodePointer, renderProblemReply } from '../../render/problem-reply.js';
import { refusalText, type Refusal } from '../../render/refusals.js';
import { refusalOf } from '../errors.js';
import { DownloadError, downloadSlackFile } from '../file-download.js';
import type { WorkHandler, WorkItem, WorkResult } from '../inbox.js';

/** What the worker needs of a message, stored with the inbox item so work survives a restart. */
export interface MessageWork {
  readonly channel: string;
  readonly ts: string;
  /** Where the answer goes: the message's thread, or a new thread under it. */
  readonly replyThreadTs: string;
  /** DMs and shortcuts always get an answer; channels only for KB954960 evidence or a log that fails. */
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

/** Message metadata on every reply: how a resumed item finds out that its reply was already posted. */
export const REPLY_EVENT_TYPE = 'kb954960_reply';

/** Files the bot does not read: in channels it stays silent about them, in DMs it says what it reads. */
const NOT_LOGS = /^(image|video|audio)\/|^application\/(pdf|msword|vnd\.)/;

/** A message's work items: its text and each of its files, keyed by channel, ts (and file id). */
export function messageItems(
  m: IncomingMessage,
  options: { defaultLang: Lang; eventId?: string; keyPrefix?: string; alwaysAnswer?: boolean },
): WorkItem[] {
  const { eventId, keyPrefix = '', alwaysAnswer = false } = options;
  const text = m.text ? normalizeSlackText(m.text) : '';
  const base = {
    channel: m.channel,
    ts: m.ts,
    replyThreadTs: m.thread_ts ?? m.ts,
    alwaysAnswer: m.channel_type === 'im' || alwaysAnswer,
    user: m.user,
    team: m.team,
    lang: langOf(text, options.defaultLang),
  };
  const items: WorkItem[] = [];
  if (text.trim()) items.push({ key: `${keyPrefix}message:${m.channel}:${m.ts}`, kind: 'message', eventId, payload: { ...base, text } satisfies MessageWork });
  for (const f of m.files ?? []) {
    if (f.mode === 'tombstone' || f.mode === 'hidden_by_limit') continue;
    const file: SlackFileRef = { id: f.id, name: f.name, size: f.size, mimetype: f.mimetype, filetype: f.filetype, url: f.url_private_download ?? f.url_private };
    items.push({ key: `${keyPrefix}file:${m.channel}:${m.ts}:${f.id}`, kind: 'file', eventId, payload: { ...base, file } satisfies MessageWork });
  }
  return items;
}

export interface MessageWorkerDeps {
  readonly store: Store;
  readonly client: webApi.WebClient;
  readonly botToken: string;
  /** Host (host[:port]) of SLACK_API_URL: where else the bot token may go. */
  readonly apiHost: string;
  readonly maxBytes: number;
  /** ADMIN_USER_IDS: whose pastes and uploads may record a server's versions and fix events. */
  readonly adminUserIds: readonly string[];
  readonly clock: () => Date;
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
    const answer = await answerMessage(d, work);
    if (!answer.message) return { outcome: answer.outcome, diagnosisId: answer.diagnosisId };
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

/** Diagnoses the work item and decides what (if anything) to say. */
async function answerMessage(d: MessageWorkerDeps, work: MessageWork): Promise<Answer> {
  const file = work.file;
  const refuse = (r: Refusal): Answer => ({ outcome: 'refused', message: plain(refusalText(r, work.lang, { maxBytes: d.maxBytes, fileName: file?.name })) });
  let chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  if (file) {
    const looksLikeLog = !NOT_LOGS.test(file.mimetype ?? '');
    if (!looksLikeLog) return work.alwaysAnswer ? { outcome: 'refused', message: plain(refusalText({ kind: 'not-a-log' }, work.lang, { maxBytes: d.maxBytes })) } : { outcome: 'silent' };
    if (file.size !== undefined && file.size > d.maxBytes) return refuse({ kind: 'input', problem: 'too-large' });
    const url = file.url ?? (await d.client.files.info({ file: file.id })).file?.url_private_download;
    if (!url) return refuse({ kind: 'download', reason: 'no link' });
    chunks = downloadSlackFile(url, { token: d.botToken, apiHost: d.apiHost, maxBytes: d.maxBytes });
  } else {
    chunks = [Buffer.from(work.text ?? '', 'utf8')];
  }
  let result: CheckResult;
  try {
    result = await check({
      inputs: [{ name: file?.name, chunks }],
      lang: work.lang,
      maxBytes: d.maxBytes,
      now: d.clock(),
      store: d.store,
      save: 'if-evidence',
      // The sender of the message, or whoever ran the shortcut on it.
      mayRecordFacts: isAdmin({ userId: work.user, adminUserIds: d.adminUserIds }),
      record: { origin: file ? 'file' : 'message', sourceName: file?.name ?? null, teamId: work.team, channelId: work.channel, messageTs: work.ts, userId: work.user },
    });
  } catch (e) {
    if (e instanceof InputError || e instanceof DownloadError) {
      // A refused upload gets a clear threaded answer; refused chatter in a channel gets none.
      if (!file && !work.alwaysAnswer) return { outcome: 'silent' };
      return refuse(refusalOf(e));
    }
    throw e;
  }
  const { diagnosis, diagnosisId, withheld } = result;
  if (diagnosis.hasEvidence) {
    const message = renderDiagnosisBlocks(diagnosis, { diagnosisId });
    return { outcome: 'replied', message: withheld ? withNotRecorded(message, notRecordedText(withheld, d.adminUserIds, work.lang)) : message, diagnosisId };
  }
  // Not KB954960, but the input fails: a log (or file) gets the problem and its codes explained; a chat line that
  // merely mentions a code is for people in a channel, and gets a one-block pointer in a DM.
  if (diagnosis.errors.length > 0 || diagnosis.problems.length > 0) {
    if (!file && isChatLine(work.text ?? '')) return work.alwaysAnswer ? { outcome: 'replied', message: renderCodePointer(diagnosis) } : { outcome: 'silent' };
    return { outcome: 'replied', message: renderProblemReply(diagnosis), diagnosisId };
  }
  // Nothing of KB954960 and no failure: silence in channels, a short answer in a DM.
  if (!work.alwaysAnswer) return { outcome: 'silent' };
  return { outcome: 'replied', message: plain(t('nothingFound', work.lang)) };
}

/** A sentence as a message. Escaped: it can carry a file name, and `<!channel>.log` must not ping a channel. */
function plain(text: string): SlackMessage {
  const safe = escapeMrkdwn(text);
  return { text: safe, blocks: [section(safe)] };
}
