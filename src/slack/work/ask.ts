import { answerIntent } from '../../../commands/ask.js';
import type { Storage } from '../../store/port.js';
import { readIntent } from '../../conversation/intents.js';
import type { Lang } from '../../lang.js';
import { escapeMrkdwn, section, type SlackMessage } from '../../render/blocks.js';
import { msg } from '../../render/messages/index.js';

/** What this module needs of a message's work item (message.ts MessageWork fits). */
export interface AskWork {
  readonly channel: string;
  readonly user?: string;
  readonly lang: Lang;
  readonly text?: string;
  /** A DM to the bot: small talk gets a line there. */
  readonly direct?: boolean;
  readonly edit?: boolean;
}

export interface AskDeps {
  readonly store: Storage;
  readonly adminUserIds: readonly string[];
  readonly clock: () => Date;
}

/**
 * A mention or a DM that asks the bot something it knows (src/conversation/intents.ts): the slash command's answer
 * to it. Small talk: one line in a DM, silence in a channel (and after an edit). Null: it asks nothing the table knows.
 */
export async function askedAnswer(d: AskDeps, work: AskWork): Promise<SlackMessage | 'silent' | null> {
  const intent = readIntent(work.text ?? '');
  if (!intent) return null;
  const reply = await answerIntent(intent, { store: d.store, lang: work.lang, now: d.clock(), userId: work.user, channelId: work.channel, adminUserIds: d.adminUserIds });
  if (reply) return { text: reply.text, blocks: reply.blocks ?? [section(escapeMrkdwn(reply.text))] };
  if (work.edit) return 'silent';
  if (intent.kind === 'thanks') return work.direct ? line(msg(work.lang).converse.welcome) : 'silent';
  return line(msg(work.lang).converse.hint);
}

/** The one line for a mention or a DM that is neither a log nor a question the table knows. */
export function hintLine(lang: Lang): SlackMessage {
  return line(msg(lang).converse.hint);
}

function line(text: string): SlackMessage {
  return { text, blocks: [section(escapeMrkdwn(text))] };
}
