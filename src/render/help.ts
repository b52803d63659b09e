/** How to use the bot: `/kb954960 help` (and an unknown subcommand), `kb954960 help`, and the foot of App Home. */
import type { Lang } from '../lang.js';
import { escapeMrkdwn, header, linkButtons, section, type SlackMessage } from './blocks.js';
import { msg } from './messages/index.js';

/** The help; with `unknownWord`, led by "unknown subcommand" (the word is the user's own text: escaped). */
export function renderHelp(lang: Lang, unknownWord?: string): SlackMessage {
  // Escaped, so that help for `/kb954960 <!channel>` pings nobody.
  const unknown = unknownWord === undefined ? undefined : escapeMrkdwn(unknownWord);
  const m = msg(lang).help;
  const text = unknown === undefined ? m.text : `${m.unknown({ word: unknown })}\n${m.text}`;
  return {
    text: text.replace(/\*/g, ''),
    // The links as buttons only: a raw KB URL above the "KB954960 article" button said the same thing twice.
    blocks: [header('KB954960'), section(text), linkButtons(lang)],
  };
}
