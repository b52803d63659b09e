import type { webApi } from '@slack/bolt';
import { serverCommand } from '../../../commands/server.js';
import { AttributionStore } from '../../../db/attribution-store.js';
import type { Store } from '../../../db/store.js';
import { recordFor } from '../../attribute.js';
import type { CheckResult } from '../../check.js';
import { serverMentionedIn, serverNamedAlone, serverQuestion } from '../../diagnose/attribution.js';
import { alreadyRecorded, askServerBlocks, confirmsBlock, onlyAdminsRecord, recordedText, withAskServer } from '../../render/attribution.js';
import { escapeMrkdwn, section, type SlackMessage } from '../../render/blocks.js';

/*
 * Which server a paste is about when its output names none (DESIGN "The verdict model", in order of trust): the
 * output's own names and a shared fault ID (check() applies those), the thread's server, a name in the message
 * around it; else the reply asks. Also the conversation's answers: a reply naming the server, a question in a mention.
 */

/** What this module needs of a message's work item (src/slack/work/message.ts MessageWork fits). */
export interface AttributionWork {
  readonly channel: string;
  readonly ts: string;
  readonly replyThreadTs: string;
  readonly inThread?: boolean;
  readonly user?: string;
  readonly lang: 'en' | 'ja';
  readonly text?: string;
  readonly mentioned?: boolean;
}

export interface AttributionDeps {
  readonly store: Store;
  readonly client: webApi.WebClient;
  readonly adminUserIds: readonly string[];
  readonly clock: () => Date;
}

/** Candidate servers offered as "Record for …" buttons. */
const MAX_CANDIDATES = 5;

/** The server of the thread the text was pasted in, else one named around it ("on wsus02:"). */
export function contextServer(store: Store, work: AttributionWork): string | null {
  const thread = work.inThread ? new AttributionStore(store).threadServer(work.channel, work.replyThreadTs) : null;
  return thread ?? (work.text ? serverMentionedIn(work.text) : null);
}

/** The diagnosis reply with what attribution adds: "which server?" with its buttons, the failure it confirms. */
export async function withAttribution(d: AttributionDeps, work: AttributionWork, r: CheckResult, message: SlackMessage): Promise<SlackMessage> {
  const { diagnosis, diagnosisId, withheld, confirms } = r;
  const { affected: _a, ...reported } = diagnosis.learned;
  const reportsFacts = Object.keys(reported).length > 0;
  let out = message;
  if (!diagnosis.server && reportsFacts && diagnosisId !== null) {
    // Never recorded for nobody, never dropped silently: ask which server it is.
    const candidates = new AttributionStore(d.store).recentServers(MAX_CANDIDATES);
    out = withAskServer(out, askServerBlocks(diagnosisId, reported, candidates, work.lang), work.lang);
  }
  if (diagnosis.server && reportsFacts && diagnosisId !== null && !withheld) await keepThreadLink(d.client, d.store, diagnosisId, work.channel, work.ts);
  if (confirms?.channelId) {
    const permalink = await permalinkOf(d.client, confirms.channelId, confirms.replyTs ?? confirms.messageTs);
    out = { text: out.text, blocks: [...out.blocks, confirmsBlock({ permalink, faultId: confirms.faultId, server: confirms.server ?? diagnosis.server }, work.lang)] };
  }
  return out;
}

/** Text without evidence that still asks for an answer: a server name replied in the thread, a question to the bot. */
export function conversationAnswer(d: AttributionDeps, work: AttributionWork, mayRecordFacts: boolean): SlackMessage | null {
  return (work.inThread ? nameForThread(d, work, mayRecordFacts) : null) ?? (work.mentioned ? serverAsked(d, work) : null);
}

/** A reply in a thread that only names a server: the answer to "which server is this output from?". */
function nameForThread(d: AttributionDeps, work: AttributionWork, mayRecordFacts: boolean): SlackMessage | null {
  const server = serverNamedAlone(work.text ?? '');
  const pending = server ? new AttributionStore(d.store).unattributedInThread(work.channel, work.replyThreadTs) : null;
  if (!server || !pending) return null;
  const r = recordFor({ store: d.store, diagnosisId: pending.id, server, now: d.clock(), mayRecordFacts, by: work.user });
  if (r.kind === 'recorded') return plainMrkdwn(recordedText({ ...r, by: work.user }, work.lang));
  if (r.kind === 'not-admin') return plainMrkdwn(onlyAdminsRecord(work.lang));
  if (r.kind === 'already') return plainMrkdwn(alreadyRecorded(r.server, work.lang));
  return null;
}

/** "@kb954960 wsus01", "@kb954960 is wsus01 fixed?": the server's state. */
function serverAsked(d: AttributionDeps, work: AttributionWork): SlackMessage | null {
  const name = serverQuestion(work.text ?? '');
  if (!name) return null;
  const reply = serverCommand([name], { store: d.store, lang: work.lang, now: d.clock(), userId: work.user, adminUserIds: d.adminUserIds });
  return { text: reply.text, blocks: reply.blocks ?? [section(escapeMrkdwn(reply.text))] };
}

/** Keeps the link to the message a server's facts came from, for the server's view ("from which thread"). */
export async function keepThreadLink(client: webApi.WebClient, store: Store, diagnosisId: number, channel: string, ts: string): Promise<void> {
  const link = await permalinkOf(client, channel, ts);
  if (link) new AttributionStore(store).setPermalink(diagnosisId, link);
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
export function earlierReplyTo(store: Store, channel: string, ts: string): string | null {
  return new AttributionStore(store).replyTo(channel, ts) ?? store.inboxItem(`message:${channel}:${ts}`)?.replyTs ?? null;
}

function plainMrkdwn(mrkdwn: string): SlackMessage {
  return { text: mrkdwn, blocks: [section(mrkdwn)] };
}
