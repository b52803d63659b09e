import type { types } from '@slack/bolt';
import { isAdmin } from '../../../admins.js';
import { recordFor } from '../../../attribute.js';
import { DEFAULT_LANG } from '../../../lang.js';
import { langOf } from '../../../render/i18n.js';
import { alreadyRecorded, onlyAdminsRecord, parseRecordForValue, recordedText } from '../../../render/attribution.js';
import { msg } from '../../../render/messages/index.js';
import { keepThreadLink, markQuestionAnswered } from '../../work/attribution.js';
import type { ActionDeps, BlockActionArgs } from './handler.js';

/**
 * "Record for <server>" on a reply that asked which server pasted output is from: records the facts that paste
 * reported (kept with its diagnosis) for that server — admins only — and turns the question into what was recorded
 * and by whom.
 */
export async function recordForClicked({ action, body, client }: Omit<BlockActionArgs, 'ack' | 'next'>, deps: ActionDeps): Promise<void> {
  const value = parseRecordForValue('value' in action ? action.value : undefined);
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message as { ts?: string; thread_ts?: string; text?: string; blocks?: types.KnownBlock[] } | undefined;
  // The reply's language (its text is Japanese, or not), else the clicker's own choice.
  const lang = langOf(message?.text ?? '', deps.store && deps.config ? await deps.store.readers.langFor(body.user.id, deps.config.lang) : DEFAULT_LANG);
  const user = body.user.id;
  const tell = async (text: string) => {
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  };
  if (!value || !deps.store || !deps.config || !deps.clock) return deps.logger.warn({ actionId: action.action_id }, 'a Record button without a usable value');
  const store = deps.store;
  const r = await recordFor({
    store,
    diagnosisId: value.d,
    server: value.s,
    now: deps.clock(),
    mayRecordFacts: isAdmin({ userId: user, adminUserIds: deps.config.adminUserIds }),
    by: user,
  });
  if (r.kind === 'not-admin') return tell(onlyAdminsRecord(deps.config.adminUserIds, lang));
  if (r.kind === 'already') return tell(alreadyRecorded(r.server, lang));
  if (r.kind === 'gone') return tell(msg(lang).attribution.gone);
  const sentence = recordedText({ ...r, by: user }, lang);
  deps.logger.info({ server: r.server, diagnosisId: value.d, user }, 'recorded pasted facts for a server');
  if (channel && message?.ts) {
    await markQuestionAnswered(client, { channel, threadTs: message.thread_ts ?? message.ts, ts: message.ts }, sentence, r, {
      text: message.text,
      blocks: message.blocks ?? [],
    });
    await keepThreadLink(client, store, value.d, channel, message.ts);
  }
}
