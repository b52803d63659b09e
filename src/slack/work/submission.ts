import type { types, webApi } from '@slack/bolt';
import type { InboxItem, Storage } from '../../store/port.js';
import { checkCommand } from '../../../commands/check.js';
import type { Config } from '../../config.js';
import type { Lang } from '../../lang.js';
import type { Logger } from '../../log.js';
import { context, escapeMrkdwn, section } from '../../render/blocks.js';
import { msg } from '../../render/messages/index.js';
import { refusalText } from '../../render/refusals.js';
import { MODAL_MAX_CHARS } from '../views/check-modal.js';
import { refusalOf } from '../errors.js';
import type { WorkHandler, WorkItem, WorkResult } from '../inbox.js';

/** A valid check-modal submission as the queue keeps it. */
export interface SubmissionWork {
  readonly viewId: string;
  readonly userId: string;
  readonly text: string;
  readonly server?: string;
  /** A language changed in the form (else the text's, else the user's choice, else BOT_LANG). */
  readonly lang?: Lang;
  /** The channel the modal was opened in. */
  readonly channelId?: string;
  /** The answer, once worked out (kept by a first attempt whose post failed). */
  readonly answer?: { readonly text: string; readonly blocks?: types.KnownBlock[] };
}

/** Keyed by the view's id: a modal is submitted (successfully) once; a retried request carries the same id. */
export function submissionItem(work: Omit<SubmissionWork, 'answer'>): WorkItem {
  return { key: `view:${work.viewId}`, kind: 'view', payload: work };
}

export interface SubmissionWorkerDeps {
  readonly store: Storage;
  readonly client: webApi.WebClient;
  readonly config: Pick<Config, 'adminUserIds' | 'maxFileBytes' | 'lang'>;
  readonly clock: () => Date;
}

/**
 * Diagnoses the pasted lines and posts the diagnosis in the channel the modal was opened from, naming who asked;
 * else (the bot is not in that channel) in the user's DM with the app. In the channel, not ephemeral: the result
 * records the server's state for everyone who reads the fleet status there, teammates see who checked what, and a
 * posted message keeps its thread and buttons ("Show N more lines", "How to verify") — an ephemeral one vanishes.
 */
export function submissionWorker(d: SubmissionWorkerDeps): WorkHandler {
  return async (item: InboxItem, log: Logger): Promise<WorkResult> => {
    const work = item.payload as SubmissionWork;
    // The reader's language: one changed in the form, else the user's choice (`/kb954960 lang`), else BOT_LANG.
    const lang = work.lang ?? (await d.store.readers.langFor(work.userId, d.config.lang));
    let answer = work.answer;
    if (!answer) {
      answer = await diagnose(d, work, lang, log);
      await d.store.inbox.keepAnswer(item.key, answer, null);
    }
    const message = answer;
    const post = (channel: string, askedBy: boolean) => {
      const by = askedBy ? [context(msg(lang).modalAskedBy({ user: `<@${work.userId}>` }))] : [];
      return d.client.chat.postMessage({
        channel,
        text: message.text,
        blocks: [...by, ...(message.blocks ?? [section(escapeMrkdwn(message.text))])],
        unfurl_links: false,
      });
    };
    let posted: Awaited<ReturnType<typeof post>>;
    try {
      if (!work.channelId) throw new Error('no channel');
      posted = await post(work.channelId, true);
    } catch {
      posted = await post(work.userId, false); // not in that channel (or none): the app's DM with the user always works
    }
    return { outcome: 'replied', replyTs: posted.ts ?? null };
  };
}

async function diagnose(d: SubmissionWorkerDeps, work: SubmissionWork, lang: Lang, log: Logger): Promise<NonNullable<SubmissionWork['answer']>> {
  try {
    const reply = await checkCommand(
      {
        text: work.text,
        serverName: work.server,
        lang: work.lang,
        origin: 'modal',
        channelId: work.channelId,
        maxBytes: d.config.maxFileBytes,
        // A full form was most likely cut by Slack: say that only this much was read.
        remarks: work.text.length >= MODAL_MAX_CHARS ? [msg(lang).modalFull({ chars: MODAL_MAX_CHARS.toLocaleString('en-US') })] : [],
      },
      { store: d.store, lang, now: d.clock(), userId: work.userId, adminUserIds: d.config.adminUserIds },
    );
    return { text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) };
  } catch (err) {
    log.error({ err }, 'modal check failed');
    return { text: refusalText(refusalOf(err), lang, { maxBytes: d.config.maxFileBytes }) };
  }
}
