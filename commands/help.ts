import type { Lang } from '../src/lang.js';
import { renderHelp } from '../src/render/help.js';
import type { Reply } from './types.js';

/** `help`, or a subcommand the bot does not know (then exit 2 for the CLI). */
export function helpReply(lang: Lang, unknownWord?: string): Reply {
  return { ...renderHelp(lang, unknownWord), exitCode: unknownWord ? 2 : 0 };
}
