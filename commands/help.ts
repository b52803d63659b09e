import type { Lang } from '../src/detect/types.js';
import { escapeMrkdwn, header, linkButtons, section } from '../src/render/blocks.js';
import { msg } from '../src/render/messages/index.js';
import type { Reply } from './types.js';

export function helpReply(lang: Lang, unknownWord?: string): Reply {
  // The word is the user's own text: escaped, so that help for `/kb954960 <!channel>` pings nobody.
  const unknown = unknownWord === undefined ? undefined : escapeMrkdwn(unknownWord);
  const m = msg(lang).help;
  const text = unknown === undefined ? m.text : `${m.unknown({ word: unknown })}\n${m.text}`;
  return {
    text: text.replace(/\*/g, ''),
    // The links as buttons only: a raw KB URL above the "KB954960 article" button said the same thing twice.
    blocks: [header('KB954960'), section(text), linkButtons(lang)],
    exitCode: unknown ? 2 : 0,
  };
}
