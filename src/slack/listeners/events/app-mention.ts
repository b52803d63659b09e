import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { messageItems, type IncomingMessage } from '../../work/message.js';

/**
 * `@kb954960 …` in a channel: a log in it is scanned like a paste, a question ("status", "is wsus01 fixed?") is
 * answered (src/conversation/reply.ts decides, commands/ask.ts answers), in the reader's language. A channel message that mentions the bot also comes as a
 * `message` event: both make the same inbox item (keyed by channel + ts, the same payload), so whichever arrives first
 * is answered, once.
 */
export function appMention(deps: Pick<ListenerDeps, 'inbox' | 'config' | 'store'>) {
  return async ({ event, body, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_mention'>): Promise<void> => {
    const m = event as unknown as IncomingMessage & { bot_id?: string; subtype?: string };
    if (m.bot_id || !m.user || m.user === context.botUserId) return;
    await deps.inbox.enqueue(
      messageItems(m, { defaultLang: await deps.store.readers.langFor(m.user, deps.config.lang), eventId: body.event_id, botUserId: context.botUserId }),
    );
  };
}
