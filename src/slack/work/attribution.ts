import type { types, webApi } from '@slack/bolt';
import type { Storage } from '../../store/port.js';
import { trustsPlacement } from '../../admins.js';
import type { CheckResult } from '../../check.js';
import { serverMentionedIn } from '../../diagnose/attribution.js';
import type { ServerState } from '../../diagnose/server-state.js';
import type { Lang } from '../../lang.js';
import { replaceAskServer } from '../../render/attribution.js';
import type { AttributionParts } from '../../render/reply.js';

/*
 * Which server a paste is about when its output names none (in order of trust, docs/architecture.md "Which server"): the
 * output's own names and a shared fault ID (check() applies those), the thread's server, a name in the message
 * around it; else the reply asks (the reply policy, src/conversation/reply.ts, decides when; this renders and links).
 */

/** What this module needs of a message's work item (src/slack/work/message.ts MessageWork fits). */
export interface AttributionWork {
  readonly channel: string;
  readonly ts: string;
  readonly replyThreadTs: string;
  readonly inThread?: boolean;
  readonly user?: string;
  readonly lang: Lang;
  readonly text?: string;
}

export interface AttributionDeps {
  readonly store: Storage;
  readonly client: webApi.WebClient;
  readonly adminUserIds: readonly string[];
  readonly clock: () => Date;
}

/** Candidate servers offered as "Record for …" buttons. */
const MAX_CANDIDATES = 5;

/**
 * The server of the thread the text was pasted in (as an admin, or this sender, placed it), else one named around it
 * ("on wsus02:").
 */
export async function contextServer(store: Storage, work: AttributionWork): Promise<string | null> {
  const thread = work.inThread ? await store.attribution.threadServer(work.channel, work.replyThreadTs, (p) => trustsPlacement(work.user, p)) : null;
  return thread ?? (work.text ? serverMentionedIn(work.text) : null);
}

/**
 * What attribution adds to a diagnosis reply, read for it: the candidate servers when the reply policy asks which
 * server, the link to the failure it confirms, the link to the paste whose fault ID names another server.
 */
export async function attributionParts(d: AttributionDeps, r: CheckResult, askServer: boolean): Promise<AttributionParts> {
  const { diagnosis, diagnosisId, confirms, faultConflict } = r;
  const candidates = askServer && diagnosisId !== null ? await d.store.servers.recent(MAX_CANDIDATES) : null;
  const confirmed = confirms?.channelId
    ? {
        permalink: await permalinkOf(d.client, confirms.channelId, confirms.replyTs ?? confirms.messageTs),
        faultId: confirms.faultId,
        server: confirms.server ?? diagnosis.server,
      }
    : null;
  let conflict: AttributionParts['faultConflict'] = null;
  if (faultConflict) {
    const { earlier, server, serverSide } = faultConflict;
    const permalink = earlier.channelId ? await permalinkOf(d.client, earlier.channelId, earlier.replyTs ?? earlier.messageTs) : null;
    conflict = {
      earlierId: earlier.id,
      faultId: earlier.faultId,
      server,
      other: earlier.server,
      keep: serverSide === 'this' ? server : earlier.server,
      permalink,
    };
  }
  return { candidates, confirms: confirmed, faultConflict: conflict };
}

/**
 * Edits the reply that asked "which server?": the question and its buttons become `sentence`, its Server line names
 * the server. `message` is the reply as posted (a button click carries it); without it, it is read from the thread.
 * The recording stands whatever Slack answers: a failed edit is logged by the caller's caller, not retried.
 */
export async function markQuestionAnswered(
  client: webApi.WebClient,
  where: { channel: string; threadTs: string; ts: string },
  sentence: string,
  answer: { server: string; state: ServerState },
  message?: { text?: string; blocks?: types.KnownBlock[] },
): Promise<void> {
  const posted = message ?? (await postedMessage(client, where));
  if (!posted?.blocks) return;
  await client.chat.update({
    channel: where.channel,
    ts: where.ts,
    text: `${posted.text ?? ''}\n${sentence}`,
    blocks: replaceAskServer(posted.blocks, sentence, answer),
  });
}

/** One message of a thread as Slack has it now (the thread's first page holds it: the question follows the paste). */
async function postedMessage(
  client: webApi.WebClient,
  where: { channel: string; threadTs: string; ts: string },
): Promise<{ text?: string; blocks?: types.KnownBlock[] } | null> {
  const res = await client.conversations.replies({ channel: where.channel, ts: where.threadTs, oldest: where.ts, inclusive: true, limit: 10 });
  const found = (res.messages ?? []).find((m) => m.ts === where.ts) as { text?: string; blocks?: types.KnownBlock[] } | undefined;
  return found ?? null;
}

/** Keeps the link to the message a server's facts came from, for the server's view ("from which thread"). */
export async function keepThreadLink(client: webApi.WebClient, store: Storage, diagnosisId: number, channel: string, ts: string): Promise<void> {
  const link = await permalinkOf(client, channel, ts);
  if (link) await store.attribution.setPermalink(diagnosisId, link);
}

/** A link to a message, or null when Slack gives none (the answer is still worth sending without it). */
export async function permalinkOf(client: webApi.WebClient, channel: string, ts: string | null): Promise<string | null> {
  if (!ts) return null;
  try {
    return (await client.chat.getPermalink({ channel, message_ts: ts })).permalink ?? null;
  } catch {
    return null;
  }
}

/** The bot's answer to a message before it was edited: the answer to its text (or to an earlier edit of it). */
export async function earlierReplyTo(store: Storage, channel: string, ts: string): Promise<string | null> {
  return (await store.attribution.replyTo(channel, ts)) ?? (await store.inbox.item(`message:${channel}:${ts}`))?.replyTs ?? null;
}
