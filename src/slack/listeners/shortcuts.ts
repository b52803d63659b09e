import type { App, MessageShortcut } from '@slack/bolt';
import type { IncomingMessage } from '../inbox.js';
import type { SlackContext } from '../context.js';

export const DIAGNOSE_SHORTCUT_ID = 'kb954960_diagnose';

/** "Diagnose with KB954960" on any message: that message's text and files, always answered in its thread. */
export function registerShortcutListener(app: App, s: SlackContext): void {
  app.shortcut<MessageShortcut>(DIAGNOSE_SHORTCUT_ID, async ({ ack, shortcut }) => {
    await ack();
    const m = shortcut.message as unknown as IncomingMessage;
    const message: IncomingMessage = { ...m, channel: shortcut.channel.id, ts: shortcut.message_ts, user: shortcut.user.id, team: shortcut.team?.id };
    // Keyed by trigger: running the shortcut again on the same message is a new request, not a redelivery.
    s.inbox.kick(s.inbox.acceptMessage(message, { keyPrefix: `shortcut:${shortcut.trigger_id}:`, alwaysAnswer: true }));
  });
}
