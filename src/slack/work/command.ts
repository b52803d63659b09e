import type { webApi } from '@slack/bolt';
import type { InboxItem, Storage } from '../../store/port.js';
import { runSlashCommand } from '../../../commands/index.js';
import type { Config } from '../../config.js';
import type { Logger } from '../../log.js';
import { langOf } from '../../render/i18n.js';
import { refusalText } from '../../render/refusals.js';
import { refusalOf } from '../errors.js';
import type { WorkHandler, WorkItem, WorkResult } from '../inbox.js';
import { postToResponseUrl, type ResponseMessage } from '../response-url.js';
import { checkModal } from '../views/check-modal.js';

/** A slash command as the queue keeps it: what was asked, by whom, and where the answer goes. */
export interface CommandWork {
  readonly text: string;
  readonly userId: string;
  readonly channelId: string;
  readonly teamId?: string;
  readonly triggerId: string;
  readonly responseUrl: string;
  /** The answer, once worked out (kept by a first attempt whose delivery failed). */
  readonly answer?: ResponseMessage;
}

/** Keyed by trigger_id: Slack sends the same one again when it retries the request; a new run gets a new one. */
export function commandItem(work: Omit<CommandWork, 'answer'>): WorkItem {
  return { key: `command:${work.triggerId}`, kind: 'command', payload: work };
}

export interface CommandWorkerDeps {
  readonly store: Storage;
  readonly client: webApi.WebClient;
  readonly config: Pick<Config, 'adminUserIds' | 'maxFileBytes' | 'statusTime' | 'statusTimeZone' | 'lang'>;
  readonly apiHost: string;
  readonly clock: () => Date;
  readonly onSubscriptionsChanged: () => void;
}

/**
 * Runs `/kb954960 …` and answers through its response_url (ephemeral). The answer is kept before it is sent, so a
 * retry after a failed delivery sends it again without running the command (and recording its diagnosis) twice.
 */
export function commandWorker(d: CommandWorkerDeps): WorkHandler {
  return async (item: InboxItem, log: Logger): Promise<WorkResult> => {
    const work = item.payload as CommandWork;
    let answer = work.answer;
    let diagnosisId: number | null = null;
    if (!answer) {
      const ran = await run(d, work, log);
      if (ran === 'modal-opened') return { outcome: 'replied' };
      answer = ran.answer;
      diagnosisId = ran.diagnosisId;
      await d.store.inbox.keepAnswer(item.key, answer, diagnosisId);
    }
    await postToResponseUrl(work.responseUrl, answer, { apiHost: d.apiHost });
    return { outcome: 'replied', diagnosisId };
  };
}

async function run(d: CommandWorkerDeps, work: CommandWork, log: Logger): Promise<'modal-opened' | { answer: ResponseMessage; diagnosisId: number | null }> {
  // The reader's language: Japanese text gets Japanese, else the user's choice (`/kb954960 lang`), else BOT_LANG.
  const lang = langOf(work.text, await d.store.readers.langFor(work.userId, d.config.lang));
  try {
    const outcome = await runSlashCommand(work.text, {
      store: d.store,
      lang,
      now: d.clock(),
      userId: work.userId,
      adminUserIds: d.config.adminUserIds,
      times: { timeZone: d.config.statusTimeZone },
      channelId: work.channelId,
      teamId: work.teamId,
      maxBytes: d.config.maxFileBytes,
      defaults: { lang: d.config.lang, statusTime: d.config.statusTime, statusTimeZone: d.config.statusTimeZone },
      onSubscriptionsChanged: d.onSubscriptionsChanged,
    });
    if (outcome.kind === 'open-modal') {
      // A trigger_id lives 3 seconds: this is tried once; a failure is answered below, not retried.
      await d.client.views.open({ trigger_id: work.triggerId, view: checkModal(lang, work.channelId, d.config.maxFileBytes) });
      return 'modal-opened';
    }
    const { text, blocks } = outcome.reply;
    return { answer: { response_type: 'ephemeral', text, ...(blocks ? { blocks } : {}) }, diagnosisId: null };
  } catch (err) {
    log.error({ err }, 'slash command failed');
    return { answer: { response_type: 'ephemeral', text: refusalText(refusalOf(err), lang, { maxBytes: d.config.maxFileBytes }) }, diagnosisId: null };
  }
}
