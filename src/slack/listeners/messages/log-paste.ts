import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../../context.js';
import { messageItems, type IncomingMessage } from '../../work/message.js';
import { retractItem } from '../../work/retract.js';

/** Message subtypes that carry something a person wrote or uploaded; edits, joins and bot posts do not. */
const USER_SUBTYPES = new Set([undefined, 'file_share', 'thread_broadcast']);

export function isUserMessage(m: { subtype?: string; bot_id?: string; user?: string }, botUserId?: string): boolean {
  return USER_SUBTYPES.has(m.subtype) && !m.bot_id && !!m.user && m.user !== botUserId;
}

/**
 * Pasted logs and uploads in channels, DMs and threads. The listener only writes the work to the inbox (SQLite, no
 * network), then the inbox works it off. Slack is answered only after that write, in both modes: HTTP mode with
 * processBeforeResponse, Socket Mode with our receiver (socket-receiver.ts), which sends the envelope ack Bolt records
 * for an event once the listeners have returned — so an acked event is always in the inbox, and one lost to a crash
 * before the write is not acked and Slack redelivers it.
 */
export function logPasteMessage(deps: Pick<ListenerDeps, 'inbox' | 'config' | 'store'>) {
  return async ({ event, body, context }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'message'>): Promise<void> => {
    const m = event as unknown as IncomingMessage & { subtype?: string; bot_id?: string };
    if (m.subtype === 'message_deleted') return deletedMessage(deps, event as unknown as DeleteEvent, context.botUserId, body.event_id);
    if (m.subtype === 'message_changed') return editedMessage(deps, event as unknown as EditEvent, context.botUserId, body.event_id);
    if (!isUserMessage(m, context.botUserId)) return;
    await deps.inbox.enqueue(
      messageItems(m, { defaultLang: await deps.store.readers.langFor(m.user, deps.config.lang), eventId: body.event_id, botUserId: context.botUserId }),
    );
  };
}

/** A `message_changed` event: the message as it is now, and as it was. */
interface EditEvent {
  readonly channel: string;
  readonly channel_type?: string;
  readonly message?: IncomingMessage & { subtype?: string; bot_id?: string; edited?: { ts?: string } };
  readonly previous_message?: { text?: string };
}

/** A `message_deleted` event: which message went, and what it was. */
interface DeleteEvent {
  readonly channel: string;
  readonly deleted_ts?: string;
  readonly previous_message?: { user?: string; bot_id?: string };
}

/**
 * A person's message was deleted: its diagnosis no longer counts and the answer to it goes (through the queue, so a
 * crash loses nothing). The bot's own answers deleted (also by the bot itself) retract nothing.
 */
async function deletedMessage(deps: Pick<ListenerDeps, 'inbox'>, e: DeleteEvent, botUserId: string | undefined, eventId: string): Promise<void> {
  const was = e.previous_message;
  if (!e.deleted_ts || was?.bot_id || (was?.user && was.user === botUserId)) return;
  await deps.inbox.enqueue([retractItem({ channel: e.channel, ts: e.deleted_ts }, eventId)]);
}

/**
 * An edited message is read again when its text changed (Slack also sends message_changed when a link unfurls):
 * keyed by the edit, so each edit is answered once; the worker updates an earlier answer instead of repeating it.
 */
async function editedMessage(deps: Pick<ListenerDeps, 'inbox' | 'config'>, e: EditEvent, botUserId: string | undefined, eventId: string): Promise<void> {
  const m = e.message;
  // A thread's first message deleted while replies remain is no deletion event but this edit: to a tombstone.
  if (m?.subtype === 'tombstone' && m.ts) {
    await deps.inbox.enqueue([retractItem({ channel: e.channel, ts: m.ts }, eventId)]);
    return;
  }
  if (!m || !isUserMessage({ ...m, subtype: undefined }, botUserId)) return;
  if ((m.text ?? '') === (e.previous_message?.text ?? '')) return;
  const edit = m.edited?.ts ?? 'edit';
  const items = messageItems(
    { ...m, channel: e.channel, channel_type: e.channel_type, files: undefined },
    { defaultLang: deps.config.lang, eventId, botUserId, edit: true, keyPrefix: `edit:${edit}:` },
  );
  await deps.inbox.enqueue(items);
}
