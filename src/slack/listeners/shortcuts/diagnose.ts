import type { AllMiddlewareArgs, MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { messageItems, type IncomingMessage } from '../../work/message.js';

export const DIAGNOSE_SHORTCUT_ID = 'kb954960_diagnose';

/** "Diagnose with KB954960" on any message: that message's text and files, always answered in its thread. */
export function diagnoseShortcut(deps: Pick<ListenerDeps, 'inbox' | 'config' | 'store'>) {
  return async ({ ack, shortcut }: AllMiddlewareArgs & SlackShortcutMiddlewareArgs<MessageShortcut>): Promise<void> => {
    const m = shortcut.message as unknown as IncomingMessage;
    const message: IncomingMessage = { ...m, channel: shortcut.channel.id, ts: shortcut.message_ts, user: shortcut.user.id, team: shortcut.team?.id };
    // Keyed by trigger: running the shortcut again on the same message is a new request, not a redelivery.
    await deps.inbox.enqueue(
      messageItems(message, {
        defaultLang: await deps.store.readers.langFor(shortcut.user.id, deps.config.lang),
        keyPrefix: `shortcut:${shortcut.trigger_id}:`,
        alwaysAnswer: true,
      }),
    );
    await ack();
  };
}
