import type { types } from '@slack/bolt';
import { isAdmin } from '../../../admins.js';
import { sameServer } from '../../../attribute.js';
import { onlyAdminsJoin, parseSameServerValue, replaceFaultConflict, sameServerText } from '../../../render/attribution.js';
import { langOf } from '../../../render/i18n.js';
import { msg } from '../../../render/messages/index.js';
import type { ActionDeps, BlockActionArgs } from './handler.js';

/**
 * "<a> and <b> are one server", on a reply that found one fault ID under two server names: admins only. Records the
 * alias and joins the two pastes into one failure; the question in the reply becomes what was recorded and by whom.
 */
export async function sameServerClicked({ action, body, client }: Omit<BlockActionArgs, 'ack' | 'next'>, deps: ActionDeps): Promise<void> {
  const value = parseSameServerValue('value' in action ? action.value : undefined);
  const channel = body.channel?.id ?? body.container?.channel_id;
  const message = body.message as { ts?: string; text?: string; blocks?: types.KnownBlock[] } | undefined;
  const lang = langOf(message?.text ?? '', deps.store && deps.config ? await deps.store.readers.langFor(body.user.id, deps.config.lang) : 'en');
  const user = body.user.id;
  const tell = async (text: string) => {
    if (channel) await client.chat.postEphemeral({ channel, user, text });
  };
  if (!value || !deps.store || !deps.config || !deps.clock)
    return deps.logger.warn({ actionId: action.action_id }, 'a same-server button without a usable value');
  const r = await sameServer({
    store: deps.store,
    diagnosisId: value.d,
    earlierId: value.e,
    alias: value.a,
    into: value.n,
    now: deps.clock(),
    mayRecord: isAdmin({ userId: user, adminUserIds: deps.config.adminUserIds }),
  });
  if (r.kind === 'not-admin') return tell(onlyAdminsJoin(deps.config.adminUserIds, lang));
  if (r.kind === 'unclear') return tell(msg(lang).serverFacts.ambiguous({ server: value.n, candidates: r.candidates.join(', ') }));
  deps.logger.info({ server: r.server, alias: value.a, diagnosisId: value.d, earlierId: value.e, user }, 'two server names recorded as one server');
  const sentence = sameServerText({ server: value.a, other: r.server, faultId: value.f, by: user }, lang);
  if (channel && message?.ts) {
    await client.chat.update({
      channel,
      ts: message.ts,
      text: `${message.text ?? ''}\n${sentence}`,
      blocks: replaceFaultConflict(message.blocks ?? [], sentence),
    });
  }
}
