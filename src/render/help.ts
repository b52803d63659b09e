/** How to use the bot: `/kb954960 help` (and an unknown subcommand), `kb954960 help`, and the foot of App Home. */
import type { Lang } from '../lang.js';
import { escapeMrkdwn, header, linkButtons, section, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';

/**
 * The help; with `unknownWord`, led by "unknown subcommand" (the word is the user's own text: escaped). With
 * `everyoneIsAdmin` (ADMIN_USER_IDS is empty, so the reader is an admin too), it ends with what that allows and how
 * to restrict it: an open bot is never silent about being open.
 */
export function renderHelp(lang: Lang, unknownWord?: string, options: { everyoneIsAdmin?: boolean } = {}): SlackMessage {
  // Escaped, so that help for `/kb954960 <!channel>` pings nobody.
  const unknown = unknownWord === undefined ? undefined : escapeMrkdwn(unknownWord);
  const m = msg(lang).help;
  // What a mention may ask, under the subcommands: the same answers, asked in words.
  const usage = `${m.text}\n${msg(lang).converse.helpAsk}`;
  const body = options.everyoneIsAdmin ? `${usage}\n${m.everyoneIsAdmin}` : usage;
  const text = unknown === undefined ? body : `${m.unknown({ word: unknown })}\n${body}`;
  return {
    text: text.replace(/\*/g, ''),
    // The links as buttons only: a raw KB URL above the "KB954960 article" button said the same thing twice.
    blocks: [header('KB954960'), section(text), linkButtons(lang)],
  };
}
