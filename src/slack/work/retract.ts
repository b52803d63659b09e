import type { webApi } from '@slack/bolt';
import type { InboxItem, Storage } from '../../store/port.js';
import type { Logger } from '../../log.js';
import { retractKey, type WorkHandler, type WorkItem, type WorkResult } from '../inbox.js';
import { onDeletion } from '../../conversation/reply.js';
import { earlierReplyTo } from './attribution.js';

/** A message that was deleted: what the worker needs to retract its diagnosis and its answer. */
export interface RetractWork {
  readonly channel: string;
  /** The deleted message's ts. */
  readonly ts: string;
}

/** Keyed by the message: however often Slack says it was deleted, it is retracted once. */
export function retractItem(work: RetractWork, eventId?: string): WorkItem {
  return { key: retractKey(work.channel, work.ts), kind: 'retract', eventId, payload: work };
}

export interface RetractWorkerDeps {
  readonly store: Storage;
  readonly client: webApi.WebClient;
}

/**
 * A deleted message no longer counts: its diagnoses leave the history, the server view, the status and the daily
 * post, and the bot's answer to it is deleted (an answer about a log no one can see any more only misleads). Safe to
 * run again after a crash: the answer is found through the queue's record of it, and an answer already gone is fine.
 */
export function retractWorker(d: RetractWorkerDeps): WorkHandler {
  return async (item: InboxItem, log: Logger): Promise<WorkResult> => {
    const work = item.payload as RetractWork;
    const decided = onDeletion({ earlierReply: await earlierReplyTo(d.store, work.channel, work.ts) });
    const retracted = await d.store.history.retractMessage(work.channel, work.ts);
    if (decided.deleteReply) await deleteReply(d.client, work.channel, decided.deleteReply);
    log.info({ retracted, reply_ts: decided.deleteReply }, 'a deleted message no longer counts');
    return { outcome: decided.outcome };
  };
}

/** Deletes the bot's answer; one that is already gone (deleted by hand, or by an earlier attempt) is fine. */
async function deleteReply(client: webApi.WebClient, channel: string, ts: string): Promise<void> {
  try {
    await client.chat.delete({ channel, ts });
  } catch (e) {
    if ((e as { data?: { error?: string } }).data?.error !== 'message_not_found') throw e;
  }
}
