import type { App } from '@slack/bolt';
import type { IncomingMessage, SlackInbox } from '../inbox.js';

/** Message subtypes that carry something a person wrote or uploaded; edits, joins and bot posts do not. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function isUserMessage(m: { subtype?: string; bot_id?: string; user?: string }, botUserId?: string): boolean {
  return USER_SUBTYPES.has(m.subtype) && !m.bot_id && !!m.user && m.user !== botUserId;
}

/**
 * Pasted logs and uploads in channels, DMs and threads. The listener only writes the work to the inbox (SQLite, no
 * network) — HTTP mode answers Slack after that (processBeforeResponse) — then the inbox works it off.
 */
export function registerMessageListener(app: App, inbox: SlackInbox): void {
  app.event('message', async ({ event, body, context }) => {
    const m = event as unknown as IncomingMessage & { subtype?: string; bot_id?: string };
    if (!isUserMessage(m, context.botUserId)) return;
    inbox.kick(inbox.acceptMessage(m, { eventId: (body as { event_id?: string }).event_id }));
  });
}
